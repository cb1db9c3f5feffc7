package dev.eddy.benchmarks.scaling;

import java.nio.file.Path;
import java.util.List;

/**
 * What one run measures and for how long, from the command line.
 *
 * @param quick whether {@code --quick} was given (short budgets, about 30 s in all)
 * @param out the Markdown file of {@code --out FILE}, or null
 * @param backends the backend names of {@code --backends a,b}, or empty for every available one
 * @param readyPoll the budget of each poll-with-one-ready measurement
 * @param wakeup the budget of each wake-up latency measurement
 */
record Settings(boolean quick, Path out, List<String> backends, Budget readyPoll, Budget wakeup) {

  /** The idle registrations measured, beside the one active socket. */
  static final int[] IDLE_COUNTS = {10, 1_000, 10_000};

  /**
   * How long one measurement runs: samples taken during the warm-up are dropped, then samples are
   * kept until the measuring time is over or {@code maxSamples} were kept.
   */
  record Budget(long warmupNanos, long measureNanos, int maxSamples) {}

  private static final String USAGE = "usage: PollerScaling [--quick] [--out FILE] "
      + "[--backends NAME,NAME...]";

  /**
   * Parses the arguments.
   *
   * @throws IllegalArgumentException with the usage, for an unknown or incomplete argument
   */
  static Settings parse(String[] args) {
    boolean quick = false;
    Path out = null;
    List<String> backends = List.of();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--quick" -> quick = true;
        case "--out" -> out = Path.of(value(args, ++i));
        case "--backends" -> backends = List.of(value(args, ++i).split(","));
        default -> throw new IllegalArgumentException("unknown argument " + args[i] + "; " + USAGE);
      }
    }
    if (quick) {
      return new Settings(true, out, backends, new Budget(ms(100), ms(500), 200_000),
          new Budget(ms(50), ms(500), 10_000));
    }
    return new Settings(false, out, backends, new Budget(ms(500), ms(4_000), 1_000_000),
        new Budget(ms(300), ms(4_000), 100_000));
  }

  private static String value(String[] args, int i) {
    if (i >= args.length) {
      throw new IllegalArgumentException(args[i - 1] + " needs a value; " + USAGE);
    }
    return args[i];
  }

  private static long ms(long millis) {
    return millis * 1_000_000L;
  }
}
