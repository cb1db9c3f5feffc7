package dev.eddy.benchmarks.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The results as one table: aligned text for the console, or Markdown. */
final class Table {

  static final List<String> HEADER = List.of("server", "case", "requests/s", "p50 ms", "p99 ms",
      "server CPU s", "requests/CPU-s", "vs netty-epoll", "B/req (loop threads)", "notes");

  private final List<List<String>> rows = new ArrayList<>();

  /** The table of {@code all}; ratios against each row's baseline row of the same case. */
  Table(List<Measurement> all) {
    for (Measurement m : all) {
      rows.add(row(m, all));
    }
  }

  private static List<String> row(Measurement m, List<Measurement> all) {
    WrkResult w = m.wrk();
    if (w == null) {
      return List.of(m.server(), m.caseLabel(), "-", "-", "-", "-", "-", "-", "-", m.note());
    }
    String ratio = "-";
    for (Measurement b : all) {
      if (b.server().equals(m.baseline()) && b.caseLabel().equals(m.caseLabel())
          && b.wrk() != null && b.wrk().requestsPerSecond() > 0) {
        ratio = fmt("%.2fx", w.requestsPerSecond() / b.wrk().requestsPerSecond());
      }
    }
    return List.of(m.server(), m.caseLabel(), fmt("%,.0f", w.requestsPerSecond()),
        number("%.2f", w.p50Millis()), number("%.2f", w.p99Millis()),
        number("%.2f", m.cpuSeconds()),
        number("%,.0f", m.requestsPerCpuSecond()), ratio, number("%,.0f", m.bytesPerRequest()),
        m.note());
  }

  private static String number(String format, double value) {
    return Double.isNaN(value) ? "-" : fmt(format, value);
  }

  private static String fmt(String format, double value) {
    return String.format(Locale.ROOT, format, value);
  }

  /** Columns padded to their widest cell; numbers right-aligned. */
  String text() {
    List<List<String>> all = new ArrayList<>();
    all.add(HEADER);
    all.addAll(rows);
    int[] width = new int[HEADER.size()];
    for (List<String> r : all) {
      for (int i = 0; i < r.size(); i++) {
        width[i] = Math.max(width[i], r.get(i).length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (List<String> r : all) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < r.size(); i++) {
        String cell = r.get(i);
        String pad = " ".repeat(width[i] - cell.length());
        boolean left = i < 2 || i == r.size() - 1;
        line.append(left ? cell + pad : pad + cell).append(i < r.size() - 1 ? "  " : "");
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
    return out.toString();
  }

  /** A Markdown table, numbers right-aligned. */
  String markdown() {
    StringBuilder out = new StringBuilder("| " + String.join(" | ", HEADER) + " |\n|");
    for (int i = 0; i < HEADER.size(); i++) {
      out.append(i < 2 || i == HEADER.size() - 1 ? "---|" : "---:|");
    }
    out.append('\n');
    for (List<String> r : rows) {
      out.append("| ").append(String.join(" | ", r.stream()
          .map(c -> c.isEmpty() ? " " : c.replace("|", "\\|")).toList())).append(" |\n");
    }
    return out.toString();
  }
}
