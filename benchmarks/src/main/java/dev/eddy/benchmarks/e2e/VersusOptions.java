package dev.eddy.benchmarks.e2e;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The runner's flags: {@code [--quick] [--only REGEX] [--rounds N] [--out FILE]}.
 *
 * @param quick shorter warm-up and measurement
 * @param only servers whose name this finds, or null for all
 * @param out where the Markdown goes
 * @param warmupSeconds the warm-up of each case
 * @param firstWarmupSeconds the warm-up of a server's first case (its JIT is cold)
 * @param measureSeconds the measured run of each case
 * @param rounds how many times every server runs every case, the servers taking turns; the
 *     table reports each row's median round
 */
record VersusOptions(boolean quick, Pattern only, Path out, int warmupSeconds,
    int firstWarmupSeconds, int measureSeconds, int rounds) {

  static final String USAGE = "usage: Versus [--quick] [--only REGEX] [--rounds N] [--out FILE]";

  /**
   * Parses the command line.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  static VersusOptions parse(String... args) {
    boolean quick = false;
    Pattern only = null;
    Path out = null;
    int rounds = 1;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--quick" -> quick = true;
        case "--only" -> {
          String regex = value(args, ++i);
          try {
            only = Pattern.compile(regex);
          } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("--only: bad regex: " + e.getDescription());
          }
        }
        case "--out" -> out = Path.of(value(args, ++i));
        case "--rounds" -> {
          String n = value(args, ++i);
          try {
            rounds = Integer.parseInt(n);
          } catch (NumberFormatException e) {
            rounds = 0;
          }
          if (rounds < 1 || rounds > 9) {
            throw new IllegalArgumentException("--rounds: expected 1 to 9, got '" + n + "'");
          }
        }
        default -> throw new IllegalArgumentException("unknown flag '" + args[i] + "'");
      }
    }
    if (out == null) {
      out = Path.of("benchmarks", "results", LocalDate.now() + ".md");
    }
    return quick ? new VersusOptions(true, only, out, 1, 1, 2, rounds)
        : new VersusOptions(false, only, out, 1, 3, 4, rounds);
  }

  private static String value(String[] args, int i) {
    if (i >= args.length) {
      throw new IllegalArgumentException(args[i - 1] + " needs a value");
    }
    return args[i];
  }

  /** Whether {@code server} is in this run. */
  boolean includes(String server) {
    return only == null || only.matcher(server).find();
  }
}
