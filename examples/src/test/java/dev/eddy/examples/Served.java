package dev.eddy.examples;

import dev.eddy.http.HttpServer;
import dev.eddy.http.HttpServerOptions;
import dev.eddy.loop.IOLoop;
import dev.eddy.stream.LoopGroup;
import dev.eddy.web.Application;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * An application served on 127.0.0.1 by a loop of its own, for the examples' tests; {@link
 * #close()} stops the server and the loop.
 */
public final class Served implements AutoCloseable {

  private final LoopGroup group = LoopGroup.start(1);
  private final HttpServer server;

  /** Builds the application on the loop's thread (with that loop) and serves it on a free port. */
  public Served(Function<IOLoop, Application> app) throws Exception {
    this(app, HttpServerOptions.DEFAULTS);
  }

  /** As {@link #Served(Function)}, with these server options. */
  public Served(Function<IOLoop, Application> app, HttpServerOptions options) throws Exception {
    IOLoop loop = loop();
    CompletableFuture<HttpServer> started = new CompletableFuture<>();
    loop.addCallback(() -> {
      try {
        started.complete(app.apply(loop).listen(loop, 0, "127.0.0.1", options));
      } catch (Exception | Error e) {
        started.completeExceptionally(e);
      }
    });
    try {
      server = started.get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      group.close();
      throw e;
    }
  }

  /** The serving loop. */
  public IOLoop loop() {
    return group.loops().get(0);
  }

  /** The base URL, {@code http://127.0.0.1:port}. */
  public String url() {
    return "http://127.0.0.1:" + ((InetSocketAddress) server.addresses().get(0)).getPort();
  }

  @Override
  public void close() {
    loop().addCallback(server::stop);
    group.close();
  }
}
