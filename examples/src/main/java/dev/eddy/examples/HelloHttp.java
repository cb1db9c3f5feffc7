package dev.eddy.examples;

import dev.eddy.http.HttpServer;
import dev.eddy.loop.IOLoop;
import java.io.IOException;
import java.util.List;

/**
 * The README's HTTP snippet, kept compiling and run by a test: a hello server on port 8888 until
 * interrupted ({@code curl 'http://127.0.0.1:8888/?name=you'}).
 */
public final class HelloHttp {

  private HelloHttp() {}

  static HttpServer serve(IOLoop loop, int port) throws IOException {
    // readme:begin http
    HttpServer server = new HttpServer(loop, request ->
        request.respond(200, "Hello, " + request.queryArguments().getOrDefault("name",
            List.of("world")).get(0) + "\n"));
    server.listen(port, "127.0.0.1");
    // readme:end http
    return server;
  }

  public static void main(String[] args) throws IOException {
    IOLoop loop = IOLoop.create();
    serve(loop, 8888);
    loop.start();
  }
}
