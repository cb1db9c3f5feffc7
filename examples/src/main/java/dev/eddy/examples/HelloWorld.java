package dev.eddy.examples;

import dev.eddy.http.HttpServer;
import dev.eddy.loop.IOLoop;
import dev.eddy.web.Application;
import dev.eddy.web.RequestHandler;
import java.io.IOException;

/** The README's hello world, Tornado's first example in Eddy; serves port 8888 until interrupted. */
// readme:begin hello-world
public final class HelloWorld {

  static class MainHandler extends RequestHandler {
    @Override
    protected Object get() {
      write("Hello, world");
      return null;
    }
  }

  static HttpServer serve(IOLoop loop, int port) throws IOException {
    return new Application().add("/", MainHandler::new).listen(loop, port);
  }

  public static void main(String[] args) throws IOException {
    IOLoop loop = IOLoop.create();
    serve(loop, 8888);
    loop.start();
  }
}
// readme:end hello-world
