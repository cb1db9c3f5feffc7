package dev.eddy.benchmarks.footprint;

import dev.eddy.http.HttpServer;
import dev.eddy.http.HttpServerOptions;
import dev.eddy.loop.IOLoop;
import dev.eddy.loop.PollerSelection;
import dev.eddy.web.Application;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * The server the footprint programs start in a JVM of their own: Eddy's web hello on one loop,
 * with {@code GET /__heap} answering the heap in use after full collections (for {@link
 * IdleConnections}). Prints {@code listening PORT} once it serves. Connections stay open for 10
 * minutes of idleness, so that idle keep-alive connections can be counted.
 *
 * <pre>java -cp eddy-benchmarks.jar dev.eddy.benchmarks.footprint.FootprintServer BACKEND</pre>
 */
public final class FootprintServer {

  private FootprintServer() {}

  public static void main(String[] args) throws IOException {
    IOLoop loop = IOLoop.create(PollerSelection.named(args.length > 0 ? args[0] : "epoll-netty"));
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    Application app = new Application()
        .get("/", ctx -> "Hello, World!")
        .get("/__heap", ctx -> {
          for (int i = 0; i < 3; i++) {
            System.gc();                          // a measurement endpoint: settle the heap
          }
          return Long.toString(memory.getHeapMemoryUsage().getUsed());
        });
    HttpServerOptions options = HttpServerOptions.DEFAULTS.withParams(
        HttpServerOptions.DEFAULTS.params().withIdleTimeout(Duration.ofMinutes(10)));
    HttpServer server = app.listen(loop, 0, "127.0.0.1", options);
    System.out.println("listening " + ((InetSocketAddress) server.addresses().get(0)).getPort());
    System.out.flush();
    loop.start();
  }
}
