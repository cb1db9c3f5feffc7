package dev.eddy.examples;

import dev.eddy.loop.IOLoop;
import dev.eddy.loop.PollerSelection;
import dev.eddy.loop.PollerUnavailableException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The README's demo: a TCP echo server on one IOLoop. It prints the poller Eddy chose, answers
 * three clients of its own on the same loop, and exits; with {@code --serve} it keeps serving
 * (try {@code nc 127.0.0.1 8888}) until interrupted.
 *
 * <pre>
 * java -jar examples/target/eddy-demo.jar [--port N] [--serve]
 * java -Deddy.poller=nio -jar examples/target/eddy-demo.jar
 * </pre>
 */
public final class EchoDemo {

  private EchoDemo() {}

  public static void main(String[] args) throws IOException {
    int port = 0;
    boolean serve = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--serve":
          serve = true;
          if (port == 0) {
            port = 8888;
          }
          break;
        case "--port":
          port = Integer.parseInt(args[++i]);
          break;
        default:
          System.err.println("usage: eddy-demo [--port N] [--serve]");
          System.exit(2);
      }
    }

    IOLoop loop;
    try {
      loop = IOLoop.create();
    } catch (PollerUnavailableException e) {
      System.err.println("Eddy cannot start: " + e.getMessage());
      System.exit(1);
      return;
    }
    System.out.println("Eddy demo: poller '" + loop.pollerName() + "' (available here: "
        + String.join(", ", PollerSelection.availableNames()) + ")");

    EchoServer server = new EchoServer(loop);
    InetSocketAddress bound = server.listen(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    System.out.println("Echo server listening on " + bound.getAddress().getHostAddress() + ":"
        + bound.getPort());

    List<String> lines = List.of("hello, eddy", "one loop, one thread", "ünïcødé ✓");
    long started = loop.time();
    String report = loop.runSync(() -> {
      CompletableFuture<?>[] checks = lines.stream()
          .map(line -> new EchoCheck(loop, line).run(bound).thenAccept(echoed ->
              System.out.println("  sent \"" + line + "\" -> echoed \"" + echoed + "\"")))
          .toArray(CompletableFuture[]::new);
      return CompletableFuture.allOf(checks).thenApply(v -> lines.size() + " echoes in "
          + Duration.ofNanos(loop.time() - started).toMillis() + " ms over "
          + server.connections() + " connections");
    }, Duration.ofSeconds(10));
    System.out.println(report);

    if (serve) {
      System.out.println("Serving until interrupted (Ctrl-C).");
      loop.start();
    }
    server.close();
    loop.close(true);
  }
}
