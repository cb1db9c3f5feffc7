package dev.eddy.benchmarks.scaling;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The results of a run: one {@link Row} per backend and idle count, printed as a text table and
 * written, on request, as Markdown. Used by one thread.
 */
final class Report {

  /**
   * One measured configuration.
   *
   * @param backend the backend's name
   * @param idle the idle registrations beside the active one
   * @param readyPoll the time of a poll that returns the one ready event, in nanoseconds
   * @param wakeup the wake-up latency, in nanoseconds
   */
  record Row(String backend, int idle, Stats readyPoll, Stats wakeup) {}

  private final List<Row> rows = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();

  void add(Row row) {
    rows.add(row);
  }

  /** A line printed under the table: a backend that was skipped, or one that failed. */
  void note(String note) {
    notes.add(note);
  }

  /** The text table, with the notes under it. */
  String table() {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "%-12s %7s | %13s %13s | %13s %13s | %9s%n", "backend",
        "idle", "ready med ns", "ready p99 ns", "wake med µs", "wake p99 µs", "samples"));
    b.append("-".repeat(93)).append('\n');
    String last = null;
    for (Row r : rows) {
      if (last != null && !last.equals(r.backend())) {
        b.append('\n');
      }
      last = r.backend();
      b.append(String.format(Locale.ROOT, "%-12s %7d | %13d %13d | %13.1f %13.1f | %s%n",
          r.backend(), r.idle(), r.readyPoll().median(), r.readyPoll().p99(),
          micros(r.wakeup().median()), micros(r.wakeup().p99()), samples(r)));
    }
    notes.forEach(n -> b.append(n).append('\n'));
    return b.toString();
  }

  /**
   * Writes the Markdown version.
   *
   * @param title the heading line's text
   * @param context lines (environment, budgets) printed above the table
   */
  void writeMarkdown(Path file, String title, List<String> context) throws IOException {
    StringBuilder b = new StringBuilder("# ").append(title).append("\n\n");
    context.forEach(c -> b.append(c).append("  \n"));
    b.append("\n| backend | idle sockets | poll, 1 ready: median ns | p99 ns "
        + "| wake-up: median µs | p99 µs | samples (poll / wake-up) |\n");
    b.append("|---|---:|---:|---:|---:|---:|---:|\n");
    for (Row r : rows) {
      b.append(String.format(Locale.ROOT, "| %s | %,d | %,d | %,d | %.1f | %.1f | %s |%n",
          r.backend(), r.idle(), r.readyPoll().median(), r.readyPoll().p99(),
          micros(r.wakeup().median()), micros(r.wakeup().p99()), samples(r)));
    }
    if (!notes.isEmpty()) {
      b.append('\n');
      notes.forEach(n -> b.append("- ").append(n).append('\n'));
    }
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(file, b);
  }

  private static String samples(Row r) {
    return r.readyPoll().samples() + " / " + r.wakeup().samples();
  }

  private static double micros(long nanos) {
    return nanos / 1_000.0;
  }
}
