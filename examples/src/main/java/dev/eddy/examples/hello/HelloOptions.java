package dev.eddy.examples.hello;

/**
 * The demo's flags.
 *
 * @param port the port on 127.0.0.1 (0: any free one; 8888 by default with {@code --serve})
 * @param backend the poller's name, or null for Eddy's choice ({@code -Deddy.poller} and {@code
 *     EDDY_POLLER} apply then)
 * @param loops how many loops serve the port (one thread each)
 * @param serve keep serving after the self-check
 */
public record HelloOptions(int port, String backend, int loops, boolean serve) {

  /** The usage line printed for bad flags. */
  public static final String USAGE =
      "usage: eddy-demo [--port N] [--backend nio|epoll-jna|epoll-netty|kqueue] [--loops N]"
          + " [--serve]";

  /**
   * Parses the command line.
   *
   * @throws IllegalArgumentException naming the flag or value that is wrong
   */
  public static HelloOptions parse(String... args) {
    Integer port = null;
    String backend = null;
    int loops = 1;
    boolean serve = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--serve" -> serve = true;
        case "--port" -> port = number("--port", value(args, ++i), 0, 65535);
        case "--backend" -> backend = value(args, ++i);
        case "--loops" -> loops = number("--loops", value(args, ++i), 1, 256);
        default -> throw new IllegalArgumentException("unknown flag '" + args[i] + "'");
      }
    }
    return new HelloOptions(port != null ? port : serve ? 8888 : 0, backend, loops, serve);
  }

  private static String value(String[] args, int i) {
    if (i >= args.length) {
      throw new IllegalArgumentException(args[i - 1] + " needs a value");
    }
    return args[i];
  }

  private static int number(String flag, String text, int min, int max) {
    int n;
    try {
      n = Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(flag + " needs a number, got '" + text + "'");
    }
    if (n < min || n > max) {
      throw new IllegalArgumentException(flag + " must be between " + min + " and " + max
          + ", got " + n);
    }
    return n;
  }
}
