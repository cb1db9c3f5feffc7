package dev.eddy.benchmarks.e2e;

import java.util.List;

/**
 * One server of the comparison.
 *
 * @param name its row name, also what {@code --only} matches
 * @param parallelism loops, event-loop threads or processes; the ratio column compares with the
 *     {@code netty-epoll} server of the same parallelism
 * @param allocEndpoint whether it answers {@code GET /__alloc} (the Java servers)
 * @param command its command line for a port and the run's fixtures
 * @param unavailable why it cannot run here, or null
 */
record Server(String name, int parallelism, boolean allocEndpoint, Command command,
    String unavailable) {

  /** Builds a server's command line. */
  @FunctionalInterface
  interface Command {
    List<String> build(int port, Fixtures fixtures);
  }

  /** The name of this server's baseline: raw Netty on epoll with the same parallelism. */
  String baselineName() {
    return "netty-epoll-x" + parallelism;
  }
}
