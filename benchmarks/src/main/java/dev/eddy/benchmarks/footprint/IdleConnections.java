package dev.eddy.benchmarks.footprint;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What an idle keep-alive connection costs the server: starts {@link FootprintServer} in a JVM
 * of its own, reads its heap after full collections, opens N connections that each make one
 * request and then stay open, reads the heap again, and divides. Meanwhile it times fresh
 * requests on another connection to show the server still answers. Prints one line per backend.
 *
 * <pre>
 * java -cp benchmarks/target/eddy-benchmarks.jar dev.eddy.benchmarks.footprint.IdleConnections \
 *     [N=10000] [backend...]
 * </pre>
 *
 * <p>The client ends live in this process (N descriptors), the server's in the child (N more):
 * each stays under the machine's limit of open files.
 */
public final class IdleConnections {

  private IdleConnections() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    List<String> backends = args.length > 1
        ? List.of(args).subList(1, args.length) : List.of("epoll-netty", "epoll-jna", "nio");
    System.out.printf("%-12s %8s %12s %12s %10s %14s%n", "backend", "idle", "heap before",
        "heap after", "B/conn", "fresh GET p50");
    for (String backend : backends) {
      measure(backend, n);
    }
  }

  private static void measure(String backend, int n) throws Exception {
    Process server = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
        "-cp", System.getProperty("java.class.path"), FootprintServer.class.getName(), backend)
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    List<SocketChannel> idle = new ArrayList<>(n);
    try {
      String first = new BufferedReader(new InputStreamReader(server.getInputStream(),
          StandardCharsets.US_ASCII)).readLine();
      if (first == null || !first.startsWith("listening ")) {
        throw new IllegalStateException(backend + ": the server did not start: " + first);
      }
      InetSocketAddress address =
          new InetSocketAddress("127.0.0.1", Integer.parseInt(first.substring(10)));
      try (SocketChannel control = SocketChannel.open(address)) {
        long before = Long.parseLong(body(exchange(control, "/__heap")));
        for (int i = 0; i < n; i++) {
          SocketChannel c = SocketChannel.open(address);
          idle.add(c);
          exchange(c, "/");
        }
        long after = Long.parseLong(body(exchange(control, "/__heap")));
        long[] nanos = new long[200];
        for (int i = 0; i < nanos.length; i++) {
          long t0 = System.nanoTime();
          exchange(control, "/");
          nanos[i] = System.nanoTime() - t0;
        }
        java.util.Arrays.sort(nanos);
        System.out.printf("%-12s %8d %12d %12d %10d %11.1f µs%n", backend, n, before, after,
            (after - before) / n, nanos[nanos.length / 2] / 1e3);
      }
    } finally {
      for (SocketChannel c : idle) {
        c.close();
      }
      server.destroy();
      if (!server.waitFor(10, TimeUnit.SECONDS)) {
        server.destroyForcibly().waitFor();
      }
    }
  }

  /** Sends a GET for {@code path} and reads one response whose body has a Content-Length. */
  static String exchange(SocketChannel c, String path) throws IOException {
    c.write(ByteBuffer.wrap(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII)));
    ByteBuffer in = ByteBuffer.allocate(8192);
    while (true) {
      if (c.read(in) < 0) {
        throw new IOException("the server closed the connection");
      }
      String text = new String(in.array(), 0, in.position(), StandardCharsets.ISO_8859_1);
      int end = text.indexOf("\r\n\r\n");
      if (end < 0) {
        continue;
      }
      int at = text.toLowerCase().indexOf("content-length:");
      int eol = text.indexOf("\r\n", at);
      int length = Integer.parseInt(text.substring(at + 15, eol).trim());
      if (text.length() >= end + 4 + length) {
        return text;
      }
    }
  }

  private static String body(String response) {
    return response.substring(response.indexOf("\r\n\r\n") + 4);
  }
}
