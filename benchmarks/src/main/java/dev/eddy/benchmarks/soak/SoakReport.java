package dev.eddy.benchmarks.soak;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Writes a soak run's results file (Markdown) and its progress lines. */
final class SoakReport {

  private SoakReport() {}

  /** One sample as a progress line. */
  static String line(Sample s) {
    return String.format(Locale.ROOT,
        "t=%ds heap after GC %.1f MiB, RSS %.1f MiB, %d descriptors, %d threads", s.seconds(),
        s.heapAfterGcKib() / 1024.0, s.rssKib() / 1024.0, s.descriptors(), s.threads());
  }

  static String markdown(SoakOptions o, SoakRun run) {
    StringBuilder md = new StringBuilder();
    md.append("# Soak run: ").append(run.passed() ? "PASSED" : "FAILED").append("\n\n");
    md.append(String.format(Locale.ROOT, "`scripts/soak --minutes %s%s` at %s: server `%s` "
            + "(the hello application plus `/upload` and `/stream`, one loop, heap %d MiB fixed "
            + "and pre-touched) on backend **%s**, JDK %s, %d cores. A sample every %d s; "
            + "growth is judged after a %d s warm-up (see `Verdict`).%n%n",
        minutes(o.seconds()), o.backend() == null ? "" : " --backend " + o.backend(),
        ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME),
        SoakServer.class.getSimpleName(), o.heapMib(), run.backend(),
        System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
        o.intervalSeconds(), Verdict.warmUpSeconds(o.seconds())));
    md.append("## Load\n\n| client | connections | requests | errors |\n|---|---:|---:|---:|\n");
    for (LoadResult l : run.loads()) {
      md.append(String.format(Locale.ROOT, "| %s | %d | %,d | %,d |%n", l.name(),
          l.connections(), l.requests(), l.errors()));
    }
    md.append(String.format(Locale.ROOT, "| **all** | %d | **%,d** | **%,d** |%n%n",
        run.clients(), run.requests(), run.errors()));
    md.append(String.format(Locale.ROOT, "The hostile replay sends the %d fixtures without "
        + "changed limits, round after round.%n%n", run.fixtures()));
    for (LoadResult l : run.loads()) {
      for (String e : l.firstErrors()) {
        md.append("- ").append(l.name()).append(": `").append(e.replace("`", "'"))
            .append("`\n");
      }
    }
    ServerLog log = run.log();
    if (log != null) {
      md.append(String.format(Locale.ROOT, "Server log: %d ERROR and %d WARN lines.%n",
          log.errors(), log.warnings()));
      for (String line : log.first()) {
        md.append("- `").append(line.replace("`", "'")).append("`\n");
      }
      md.append('\n');
    }
    md.append("## Samples\n\n| t (s) | heap after GC (MiB) | RSS (MiB) | descriptors | threads |\n"
        + "|---:|---:|---:|---:|---:|\n");
    row(md, "before the load", run.baseline());
    for (Sample s : run.samples()) {
      row(md, Long.toString(s.seconds()), s);
    }
    row(md, "after (" + run.after().seconds() + ")", run.after());
    md.append("\n## Verdict\n\n");
    for (String p : run.problems()) {
      md.append("- FAILED: ").append(p).append('\n');
    }
    md.append(mark(run.errors() == 0)).append("no client errors (").append(run.errors())
        .append(")\n");
    md.append(mark(run.everyLoadServed())).append("every client kind was served\n");
    md.append(mark(log == null || log.errors() == 0)).append("no ERROR in the server log\n");
    for (Verdict.Check c : run.checks()) {
      md.append(mark(c.passed())).append(c.what()).append(": ").append(c.detail()).append('\n');
    }
    return md.toString();
  }

  private static void row(StringBuilder md, String label, Sample s) {
    md.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %d | %d |%n", label,
        s.heapAfterGcKib() / 1024.0, s.rssKib() / 1024.0, s.descriptors(), s.threads()));
  }

  private static String mark(boolean passed) {
    return passed ? "- passed: " : "- FAILED: ";
  }

  private static String minutes(long seconds) {
    return seconds % 60 == 0 ? Long.toString(seconds / 60)
        : String.format(Locale.ROOT, "%.2f", seconds / 60.0);
  }
}
