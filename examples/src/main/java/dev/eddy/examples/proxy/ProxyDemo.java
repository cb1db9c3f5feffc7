package dev.eddy.examples.proxy;

import dev.eddy.http.AsyncHttpClient;
import dev.eddy.http.HttpClientOptions;
import dev.eddy.http.HttpServerOptions;
import dev.eddy.loop.IOLoop;
import java.io.IOException;
import java.time.Duration;

/**
 * A small reverse proxy: serves 127.0.0.1:{@code port} and forwards everything to the upstream,
 * streaming answers through over pooled keep-alive connections.
 *
 * <pre>
 * java -cp examples/target/eddy-demo.jar dev.eddy.examples.proxy.ProxyDemo \
 *     --upstream http://127.0.0.1:8080 [--port 8888]
 * </pre>
 *
 * <p>Serves until interrupted.
 */
public final class ProxyDemo {

  private ProxyDemo() {}

  public static void main(String[] args) throws IOException {
    String upstream = null;
    int port = 8888;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--upstream" -> upstream = args[i + 1];
        case "--port" -> port = Integer.parseInt(args[i + 1]);
        default -> upstream = null;
      }
    }
    if (upstream == null || args.length % 2 != 0) {
      System.err.println("usage: ProxyDemo --upstream http://host:port [--port N]");
      System.exit(2);
    }
    IOLoop loop = IOLoop.create();
    AsyncHttpClient client = new AsyncHttpClient(loop,
        HttpClientOptions.DEFAULTS.withMaxClients(256).withMaxIdlePerOrigin(64));
    ProxyApp.create(upstream, client, Duration.ofSeconds(30))
        .listen(loop, port, "127.0.0.1", HttpServerOptions.DEFAULTS);
    System.out.println("Proxying http://127.0.0.1:" + port + "/ to " + upstream + " on "
        + loop.pollerName());
    loop.start();
  }
}
