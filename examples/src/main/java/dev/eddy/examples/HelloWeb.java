package dev.eddy.examples;

import dev.eddy.http.HttpServer;
import dev.eddy.loop.IOLoop;
import dev.eddy.web.Application;
import dev.eddy.web.RequestHandler;
import java.io.IOException;
import java.util.Map;

/**
 * The README's web snippet, kept compiling and run by a test: handlers and a lambda route on
 * port 8888 until interrupted ({@code curl http://127.0.0.1:8888/users/7}).
 */
public final class HelloWeb {

  private HelloWeb() {}

  // readme:begin web-handlers
  static class MainHandler extends RequestHandler {
    @Override
    protected Object get() {
      write("Hello, " + getArgument("name", "world"));
      return null;                                        // or a CompletionStage: finish when done
    }
  }

  static class PostHandler extends RequestHandler {
    @Override
    protected Object get() {
      write(Map.of("post", pathArg(0), "url", application().reverseUrl("post", pathArg(0))));
      return null;
    }
  }
  // readme:end web-handlers

  static HttpServer serve(IOLoop loop, int port) throws IOException {
    // readme:begin web-app
    Application app = new Application()
        .add("/", MainHandler::new)
        .add("/post/([0-9]+)", PostHandler::new, Map.of(), "post")    // a named route
        .get("/users/{id}", ctx -> Map.of("id", ctx.pathArg("id")));   // lambda style, JSON out
    HttpServer server = app.listen(loop, port);
    // readme:end web-app
    return server;
  }

  public static void main(String[] args) throws IOException {
    IOLoop loop = IOLoop.create();
    System.out.println("Serving on " + serve(loop, 8888).addresses());
    loop.start();
  }
}
