package dev.eddy.examples.hello;

import dev.eddy.examples.BundledFiles;
import dev.eddy.http.HttpClient;
import dev.eddy.http.HttpClientException;
import dev.eddy.http.HttpClientOptions;
import dev.eddy.http.HttpResponse;
import dev.eddy.http.HttpServer;
import dev.eddy.http.HttpServerOptions;
import dev.eddy.loop.IOLoop;
import dev.eddy.loop.PollerSelection;
import dev.eddy.loop.PollerUnavailableException;
import dev.eddy.loop.spi.PollerProvider;
import dev.eddy.stream.LoopGroup;
import dev.eddy.stream.TcpServerGroup;
import dev.eddy.web.Application;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.util.concurrent.CountDownLatch;

/**
 * The README's demo: {@link HelloApp} on one or more loops. It prints the backend Eddy chose and
 * the URL, asks itself for {@code /}, {@code /json} and a static file, prints the answers and
 * exits; with {@code --serve} it keeps serving until interrupted.
 *
 * <pre>
 * java -jar examples/target/eddy-demo.jar [--port N] [--backend NAME] [--loops N] [--serve]
 * </pre>
 *
 * <p>Exit status: 0 when the self-check passed, 1 when it failed or no backend could start, 2 for
 * bad flags.
 */
public final class HelloDemo {

  private HelloDemo() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    HelloOptions options;
    try {
      options = HelloOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("eddy-demo: " + e.getMessage());
      System.err.println(HelloOptions.USAGE);
      System.exit(2);
      return;
    }
    int status = run(options, System.out);
    if (status != 0) {
      System.exit(status);
    }
  }

  /**
   * Runs the demo with {@code options}, printing to {@code out}; returns the exit status. With
   * {@code serve} it returns only when the thread is interrupted.
   */
  public static int run(HelloOptions options, PrintStream out)
      throws IOException, InterruptedException {
    PollerProvider provider;
    try {
      provider = options.backend() == null
          ? PollerSelection.choose() : PollerSelection.named(options.backend());
    } catch (PollerUnavailableException e) {
      System.err.println("Eddy cannot start: " + e.getMessage());
      return 1;
    }
    try (BundledFiles files = BundledFiles.copy("hello/static", HelloApp.STATIC_FILES);
        LoopGroup loops = LoopGroup.start(options.loops(), provider)) {
      Application app = HelloApp.create(files.dir());
      TcpServerGroup servers = HttpServer.listenOnGroup(loops, options.port(), "127.0.0.1",
          loop -> app, HttpServerOptions.DEFAULTS);
      try {
        int port = ((InetSocketAddress) servers.addresses().get(0)).getPort();
        String url = "http://127.0.0.1:" + port + "/";
        out.println("Eddy demo on backend '" + provider.name() + "' with " + loops.size()
            + (loops.size() == 1 ? " loop" : " loops") + " (available here: "
            + String.join(", ", PollerSelection.availableNames()) + ")");
        out.println("Serving " + url);
        if (!selfCheck(url, provider, out)) {
          return 1;
        }
        if (options.serve()) {
          out.println("Serving until interrupted (Ctrl-C).");
          new CountDownLatch(1).await();
        }
        return 0;
      } finally {
        servers.stop();
      }
    }
  }

  private static boolean selfCheck(String url, PollerProvider provider, PrintStream out) {
    try (HttpClient http = new HttpClient(IOLoop.create(provider), HttpClientOptions.DEFAULTS)) {
      for (String path : new String[] {"", "json", "static/hello.txt"}) {
        HttpResponse r = http.fetch(url + path);
        out.println("GET /" + path + " -> " + r.code() + " " + r.reason() + ": "
            + r.bodyText().trim());
      }
      return true;
    } catch (HttpClientException e) {
      out.println("Self-check failed: " + e.getMessage());
      return false;
    }
  }
}
