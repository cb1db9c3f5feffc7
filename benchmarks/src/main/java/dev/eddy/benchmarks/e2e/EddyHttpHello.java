package dev.eddy.benchmarks.e2e;

import dev.eddy.http.HttpHeaders;
import dev.eddy.http.HttpRequestHandler;
import dev.eddy.http.HttpServer;
import dev.eddy.http.HttpServerOptions;
import dev.eddy.loop.PollerSelection;
import dev.eddy.stream.LoopGroup;
import dev.eddy.stream.TcpServerGroup;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

/**
 * Eddy's HTTP-level hello for {@link Versus}: one {@link HttpRequestHandler} switching on the
 * path, on {@code --loops} loops of backend {@code --backend} ({@link
 * HttpServer#listenOnGroup}). {@code /plaintext}, {@code /json} (Jackson, per request), {@code
 * /static/64k.bin} (read once at start) and {@code /__alloc} (bytes allocated by the loop
 * threads).
 *
 * <pre>java -cp eddy-benchmarks.jar dev.eddy.benchmarks.e2e.EddyHttpHello --port P --backend
 * nio|epoll-jna|epoll-netty --loops N --static DIR</pre>
 */
public final class EddyHttpHello {

  private static final HttpHeaders PLAIN = HttpHeaders.of("Content-Type", "text/plain");
  private static final HttpHeaders JSON = HttpHeaders.of("Content-Type", "application/json");
  private static final HttpHeaders BINARY =
      HttpHeaders.of("Content-Type", "application/octet-stream");

  private EddyHttpHello() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    ServerArgs a = ServerArgs.parse(args);
    byte[] file = Files.readAllBytes(a.staticDir().resolve(HelloBodies.STATIC_NAME));
    LoopGroup loops = LoopGroup.start(a.loops(), PollerSelection.named(a.backend()));
    AllocProbe probe = AllocProbe.ofLoops(loops.loops());
    TcpServerGroup servers = HttpServer.listenOnGroup(loops, a.port(), "127.0.0.1",
        loop -> handler(file, probe), HttpServerOptions.DEFAULTS);
    probe.reportThenStopOnShutdown("eddy-http", () -> {
      servers.stop();
      loops.close();
    });
  }

  private static HttpRequestHandler handler(byte[] file, AllocProbe probe) {
    String staticPath = "/static/" + HelloBodies.STATIC_NAME;
    return request -> {
      String path = request.path();
      if (path.equals("/plaintext")) {
        return request.respond(200, PLAIN, HelloBodies.HELLO_BYTES);
      } else if (path.equals("/json")) {
        return request.respond(200, JSON, HelloBodies.json());
      } else if (path.equals(staticPath)) {
        return request.respond(200, BINARY, file);
      } else if (path.equals(HelloBodies.ALLOC_PATH)) {
        return request.respond(200, PLAIN, Long.toString(probe.allocatedBytes())
            .getBytes(StandardCharsets.US_ASCII));
      }
      return request.respond(404, "Not Found");
    };
  }
}
