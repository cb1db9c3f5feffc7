package dev.eddy.examples;

import dev.eddy.http.HttpServer;
import dev.eddy.loop.IOLoop;
import dev.eddy.loop.PollerSelection;
import dev.eddy.loop.PollerUnavailableException;
import dev.eddy.stream.IOStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The README's demo: an HTTP hello server on one IOLoop. It prints the backend Eddy chose and the
 * URL, asks itself {@code GET /} once and prints the answer, and exits; with {@code --serve} it
 * keeps serving (try {@code curl http://127.0.0.1:8888/}) until interrupted.
 *
 * <pre>
 * java -jar examples/target/eddy-demo.jar [--port N] [--serve]
 * java -Deddy.poller=nio -jar examples/target/eddy-demo.jar
 * </pre>
 */
public final class HelloHttpDemo {

  private HelloHttpDemo() {}

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
    String backend = loop.pollerName();
    HttpServer server = new HttpServer(loop, request ->
        request.respond(200, "Hello from Eddy on " + backend + "!\n"));
    int bound = ((InetSocketAddress) server.listen(port, "127.0.0.1").get(0)).getPort();
    String url = "http://127.0.0.1:" + bound + "/";
    System.out.println("Eddy HTTP demo on backend '" + backend + "' (available here: "
        + String.join(", ", PollerSelection.availableNames()) + ")");
    System.out.println("Serving " + url);

    String answer = loop.runSync(() -> IOStream.connect(loop,
            new InetSocketAddress("127.0.0.1", bound))
        .thenCompose(c -> c.write(("GET / HTTP/1.1\r\nHost: 127.0.0.1:" + bound
                + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII))
            .thenCompose(v -> c.readUntilClose()))
        .thenApply(bytes -> new String(bytes, StandardCharsets.UTF_8)), Duration.ofSeconds(10));
    String statusLine = answer.substring(0, answer.indexOf("\r\n"));
    String body = answer.substring(answer.indexOf("\r\n\r\n") + 4);
    System.out.println("GET / -> " + statusLine + ": " + body.trim());

    if (serve) {
      System.out.println("Serving until interrupted (Ctrl-C).");
      loop.start();
    }
    server.stop();
    loop.close(true);
  }
}
