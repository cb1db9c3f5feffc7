package dev.eddy.benchmarks.jmh;

import dev.eddy.web.RequestHandler;

/** The web round trip's handler: {@code Hello, world!} for a GET. */
public class HelloHandler extends RequestHandler {

  @Override
  protected Object get() {
    write("Hello, world!");
    return null;
  }
}
