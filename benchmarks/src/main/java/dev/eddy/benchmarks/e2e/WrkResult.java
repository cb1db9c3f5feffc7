package dev.eddy.benchmarks.e2e;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one {@code wrk --latency} run reported.
 *
 * @param requestsPerSecond the {@code Requests/sec} line
 * @param p50Millis the 50% latency, in milliseconds (NaN when wrk printed 0, as it may with a
 *     pipelining script)
 * @param p99Millis the 99% latency, in milliseconds (NaN likewise)
 * @param requests the total in {@code N requests in T}
 * @param notes socket errors, non-2xx/3xx answers and missing percentiles, or "" when none
 */
public record WrkResult(double requestsPerSecond, double p50Millis, double p99Millis,
    long requests, String notes) {

  private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
  private static final Pattern TOTAL = Pattern.compile("(\\d+) requests in ");
  private static final Pattern SOCKET = Pattern.compile(
      "Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");
  private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");

  /**
   * Parses wrk's output.
   *
   * @throws IllegalArgumentException if a figure is missing (the message quotes the output)
   */
  public static WrkResult parse(String output) {
    double rate = Double.parseDouble(find(RATE, output, "Requests/sec"));
    long total = Long.parseLong(find(TOTAL, output, "requests in"));
    double p50 = millis(find(percentile("50"), output, "50% latency"));
    double p99 = millis(find(percentile("99"), output, "99% latency"));
    StringBuilder errors = new StringBuilder();
    Matcher s = SOCKET.matcher(output);
    if (s.find()) {
      String[] kinds = {"connect", "read", "write", "timeout"};
      for (int i = 0; i < kinds.length; i++) {
        if (!s.group(i + 1).equals("0")) {
          errors.append(errors.length() > 0 ? ", " : "").append(kinds[i]).append(' ')
              .append(s.group(i + 1));
        }
      }
    }
    Matcher n = NON_2XX.matcher(output);
    if (n.find()) {
      errors.append(errors.length() > 0 ? ", " : "").append("non-2xx ").append(n.group(1));
    }
    if (p50 == 0 || p99 == 0) {
      errors.append(errors.length() > 0 ? ", " : "").append("wrk printed 0 for a percentile");
    }
    return new WrkResult(rate, p50 == 0 ? Double.NaN : p50, p99 == 0 ? Double.NaN : p99, total,
        errors.toString());
  }

  private static Pattern percentile(String p) {
    return Pattern.compile("^\\s+" + p + "(?:\\.0+)?%\\s+([0-9.]+[a-z]+)\\s*$", Pattern.MULTILINE);
  }

  private static String find(Pattern p, String output, String what) {
    Matcher m = p.matcher(output);
    if (!m.find()) {
      throw new IllegalArgumentException("no " + what + " in wrk's output:\n" + output);
    }
    return m.group(1);
  }

  /** wrk's duration with its unit (us, ms, s, m, h) in milliseconds. */
  static double millis(String text) {
    int unit = 0;
    while (unit < text.length() && (Character.isDigit(text.charAt(unit))
        || text.charAt(unit) == '.')) {
      unit++;
    }
    double value = Double.parseDouble(text.substring(0, unit));
    return switch (text.substring(unit)) {
      case "us" -> value / 1000;
      case "ms" -> value;
      case "s" -> value * 1000;
      case "m" -> value * 60_000;
      case "h" -> value * 3_600_000;
      default -> throw new IllegalArgumentException("unknown unit in '" + text + "'");
    };
  }
}
