package dev.eddy.benchmarks.soak;

import java.nio.file.Path;
import java.time.LocalDate;

/**
 * The flags of {@link Soak}.
 *
 * @param seconds how long the load runs ({@code --minutes}, decimals allowed; 10 by default)
 * @param intervalSeconds the time between samples ({@code --interval}, 10 by default)
 * @param backend the server's poller ({@code --backend}), or null for Eddy's choice
 * @param out the results file ({@code --out}; {@code benchmarks/results/soak-DATE.md} by default)
 * @param fixtures the request fixtures to replay ({@code --fixtures})
 * @param heapMib the server's heap, fixed and pre-touched ({@code --heap}, 256 by default)
 */
record SoakOptions(long seconds, int intervalSeconds, String backend, Path out, Path fixtures,
    int heapMib) {

  static final String USAGE = "usage: scripts/soak [--minutes M] [--interval S] [--backend NAME]"
      + " [--out FILE] [--fixtures DIR] [--heap MIB]";

  /**
   * Parses {@code args}.
   *
   * @throws IllegalArgumentException naming the flag that is unknown, lacks a value or is out of
   *     range
   */
  static SoakOptions parse(String... args) {
    double minutes = 10;
    int interval = 10;
    String backend = null;
    Path out = null;
    Path fixtures = Path.of("http/src/test/resources/fixtures/requests");
    int heap = 256;
    for (int i = 0; i < args.length; i += 2) {
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(args[i] + " needs a value");
      }
      String v = args[i + 1];
      switch (args[i]) {
        case "--minutes" -> minutes = Double.parseDouble(v);
        case "--interval" -> interval = Integer.parseInt(v);
        case "--backend" -> backend = v;
        case "--out" -> out = Path.of(v);
        case "--fixtures" -> fixtures = Path.of(v);
        case "--heap" -> heap = Integer.parseInt(v);
        default -> throw new IllegalArgumentException("unknown flag " + args[i]);
      }
    }
    if (!(minutes >= 0.5 && minutes <= 7 * 24 * 60)) {
      throw new IllegalArgumentException("--minutes must be 0.5 to 10080, not " + minutes);
    }
    if (interval < 1 || interval > 600) {
      throw new IllegalArgumentException("--interval must be 1 to 600 s, not " + interval);
    }
    if (heap < 64) {
      throw new IllegalArgumentException("--heap must be at least 64 MiB, not " + heap);
    }
    if (out == null) {
      out = Path.of("benchmarks/results/soak-" + LocalDate.now()
          + (backend == null ? "" : "-" + backend) + ".md");
    }
    return new SoakOptions(Math.round(minutes * 60), interval, backend, out, fixtures, heap);
  }
}
