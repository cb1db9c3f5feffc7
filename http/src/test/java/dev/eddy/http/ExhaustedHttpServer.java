package dev.eddy.http;

import dev.eddy.loop.IOLoop;
import dev.eddy.loop.PollerSelection;
import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * The child process of {@link HttpExhaustionCases}, run under a low descriptor limit: an {@link
 * HttpServer} answering {@code 200 ok} on one loop (thread {@value #LOOP_THREAD}) of the backend
 * named by {@code args[0]}. It prints {@code port N} once it listens and serves until its
 * standard input closes, then exits 0.
 */
final class ExhaustedHttpServer {

  static final String LOOP_THREAD = "exhaustion-loop";

  private ExhaustedHttpServer() {}

  public static void main(String[] args) throws IOException {
    IOLoop loop = IOLoop.create(PollerSelection.named(args[0]));
    HttpServer server = new HttpServer(loop, req -> req.respond(200, "ok"),
        HttpServerOptions.DEFAULTS);
    int port = ((InetSocketAddress) server.listen(0, "127.0.0.1").get(0)).getPort();
    Thread thread = new Thread(loop::start, LOOP_THREAD);
    thread.setDaemon(true);
    thread.start();
    System.out.println("port " + port);
    System.out.flush();
    while (System.in.read() >= 0) {
      // serve until the parent closes our standard input
    }
    System.exit(0);
  }
}
