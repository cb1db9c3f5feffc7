package dev.eddy.benchmarks.e2e;

import dev.eddy.http.HttpServer;
import dev.eddy.http.HttpServerOptions;
import dev.eddy.loop.PollerSelection;
import dev.eddy.stream.LoopGroup;
import dev.eddy.stream.TcpServerGroup;
import dev.eddy.web.Application;
import dev.eddy.web.RequestHandler;
import dev.eddy.web.Settings;
import java.io.IOException;
import java.util.Map;

/**
 * Eddy's web-framework hello for {@link Versus}: an {@link Application} with a {@link
 * RequestHandler} subclass for {@code /plaintext}, a lambda route for {@code /json} (a map
 * written as JSON by the framework's Jackson), the static directory through {@code
 * Settings.withStaticPath} ({@code StaticFileHandler}) and {@code /__alloc} (bytes allocated by
 * the loop threads), on {@code --loops} loops of backend {@code --backend}.
 *
 * <pre>java -cp eddy-benchmarks.jar dev.eddy.benchmarks.e2e.EddyWebHello --port P --backend
 * nio|epoll-jna|epoll-netty --loops N --static DIR</pre>
 */
public final class EddyWebHello {

  private EddyWebHello() {}

  /** {@code GET /plaintext}: the text, as {@code text/plain}. */
  static final class Plaintext extends RequestHandler {
    @Override
    protected Object get() {
      setHeader("Content-Type", "text/plain");
      write(HelloBodies.HELLO);
      return null;
    }
  }

  public static void main(String[] args) throws IOException, InterruptedException {
    ServerArgs a = ServerArgs.parse(args);
    LoopGroup loops = LoopGroup.start(a.loops(), PollerSelection.named(a.backend()));
    AllocProbe probe = AllocProbe.ofLoops(loops.loops());
    Application app = new Application(Settings.DEFAULTS.withStaticPath(a.staticDir()))
        .add("/plaintext", Plaintext::new)
        .get("/json", ctx -> Map.of("message", HelloBodies.HELLO))
        .get(HelloBodies.ALLOC_PATH, ctx -> Long.toString(probe.allocatedBytes()));
    TcpServerGroup servers = HttpServer.listenOnGroup(loops, a.port(), "127.0.0.1",
        loop -> app, HttpServerOptions.DEFAULTS);
    probe.reportThenStopOnShutdown("eddy-web", () -> {
      servers.stop();
      loops.close();
    });
  }
}
