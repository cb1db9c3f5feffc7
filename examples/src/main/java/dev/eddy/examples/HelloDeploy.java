package dev.eddy.examples;

import dev.eddy.http.HttpServer;
import dev.eddy.http.HttpServerOptions;
import dev.eddy.stream.LoopGroup;
import dev.eddy.stream.TcpServerGroup;
import dev.eddy.web.Application;
import java.io.IOException;
import java.util.Set;

/**
 * The README's deployment snippet, kept compiling and run by a test: one loop per core on one
 * port, trusting the proxy in front, with a stop for SIGTERM. Serves port 8888 until interrupted.
 */
public final class HelloDeploy {

  private HelloDeploy() {}

  // readme:begin deploy
  record Deployment(LoopGroup loops, TcpServerGroup servers) implements AutoCloseable {
    @Override
    public void close() {                       // a graceful stop, for SIGTERM
      servers.stop();                           // no new connections
      loops.close();                            // stop each loop, close what is left
    }
  }

  static Deployment deploy(Application app, int port) throws IOException {
    LoopGroup loops = LoopGroup.start(Runtime.getRuntime().availableProcessors());
    HttpServerOptions options = HttpServerOptions.DEFAULTS
        .withXheaders(true, Set.of());          // behind nginx: the client is X-Real-Ip
    return new Deployment(loops, HttpServer.listenOnGroup(loops, port, "127.0.0.1",
        loop -> app, options));                 // one listener per loop (SO_REUSEPORT)
  }

  public static void main(String[] args) throws IOException {
    Application app = new Application().get("/", ctx -> "Hello from every core\n");
    Deployment deployment = deploy(app, 8888);
    Runtime.getRuntime().addShutdownHook(new Thread(deployment::close, "eddy-stop"));
  }
  // readme:end deploy
}
