package dev.eddy.benchmarks.footprint;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * From process start to the first answered request: starts {@link FootprintServer} (the web
 * hello app) in a new JVM, waits for the port it prints, sends {@code GET /} and reads the
 * answer; the time from {@code ProcessBuilder.start()} to the last byte of that answer. Several
 * runs per backend; prints the median and the slowest.
 *
 * <pre>
 * java -cp benchmarks/target/eddy-benchmarks.jar dev.eddy.benchmarks.footprint.StartupTime \
 *     [runs=7] [backend...]
 * </pre>
 */
public final class StartupTime {

  private StartupTime() {}

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 7;
    List<String> backends = args.length > 1
        ? List.of(args).subList(1, args.length) : List.of("epoll-netty", "epoll-jna", "nio");
    System.out.printf("%-12s %5s %12s %12s%n", "backend", "runs", "median", "slowest");
    for (String backend : backends) {
      long[] millis = new long[runs];
      for (int i = 0; i < runs; i++) {
        millis[i] = once(backend);
      }
      Arrays.sort(millis);
      System.out.printf("%-12s %5d %9d ms %9d ms%n", backend, runs, millis[runs / 2],
          millis[runs - 1]);
    }
  }

  private static long once(String backend) throws Exception {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
        "-cp", System.getProperty("java.class.path"), FootprintServer.class.getName(), backend));
    long t0 = System.nanoTime();
    Process server = new ProcessBuilder(command)
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    try {
      String first = new BufferedReader(new InputStreamReader(server.getInputStream(),
          StandardCharsets.US_ASCII)).readLine();
      if (first == null || !first.startsWith("listening ")) {
        throw new IllegalStateException(backend + ": the server did not start: " + first);
      }
      int port = Integer.parseInt(first.substring(10));
      try (SocketChannel c = SocketChannel.open(new InetSocketAddress("127.0.0.1", port))) {
        IdleConnections.exchange(c, "/");
      }
      return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    } finally {
      server.destroy();
      if (!server.waitFor(10, TimeUnit.SECONDS)) {
        server.destroyForcibly().waitFor();
      }
    }
  }
}
