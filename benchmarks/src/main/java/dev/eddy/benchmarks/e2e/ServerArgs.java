package dev.eddy.benchmarks.e2e;

import java.nio.file.Path;

/**
 * The flags of the Java hello servers: {@code --port P --backend NAME --loops N --static DIR}.
 *
 * @param port the port on 127.0.0.1
 * @param backend an Eddy poller name (nio, epoll-jna, epoll-netty), or for Netty epoll or nio
 * @param loops how many loops (event-loop threads)
 * @param staticDir the directory served under {@code /static/}
 */
record ServerArgs(int port, String backend, int loops, Path staticDir) {

  static ServerArgs parse(String... args) {
    int port = -1;
    String backend = null;
    int loops = 1;
    Path dir = null;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--port" -> port = Integer.parseInt(args[i + 1]);
        case "--backend" -> backend = args[i + 1];
        case "--loops" -> loops = Integer.parseInt(args[i + 1]);
        case "--static" -> dir = Path.of(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown flag " + args[i]);
      }
    }
    if (port < 0 || backend == null || dir == null || args.length % 2 != 0) {
      throw new IllegalArgumentException(
          "usage: --port P --backend NAME [--loops N] --static DIR");
    }
    return new ServerArgs(port, backend, loops, dir);
  }
}
