package dev.eddy.examples.blocking;

import dev.eddy.http.AsyncHttpClient;
import dev.eddy.http.HttpClient;
import dev.eddy.http.HttpClientOptions;
import dev.eddy.http.HttpServer;
import dev.eddy.http.HttpServerOptions;
import dev.eddy.loop.IOLoop;
import dev.eddy.web.Application;
import dev.eddy.web.Settings;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * The classic demo of why a loop must never block: a slow backend ({@link SlowTime}, on a loop of
 * its own) and a front loop serving {@code /api/block} and {@code /api/noblock} ({@link
 * Frontend}). Run it, then load both with wrk and compare (see the examples README):
 *
 * <pre>
 * java -Deddy.slowCallbackMillis=100 -cp examples/target/eddy-demo.jar \
 *     dev.eddy.examples.blocking.BlockingVsAsyncDemo [--port 8888]
 * wrk -t1 -c16 -d10s http://127.0.0.1:8888/api/noblock
 * wrk -t1 -c16 -d10s http://127.0.0.1:8888/api/block
 * </pre>
 *
 * <p>Serves until interrupted. The slow-callback threshold defaults to 100 ms here so that the
 * detector's warning for {@code /api/block} shows without flags.
 */
public final class BlockingVsAsyncDemo {

  private BlockingVsAsyncDemo() {}

  public static void main(String[] args) throws IOException {
    int port = 8888;
    if (args.length == 2 && args[0].equals("--port")) {
      port = Integer.parseInt(args[1]);
    } else if (args.length != 0) {
      System.err.println("usage: BlockingVsAsyncDemo [--port N]");
      System.exit(2);
    }
    IOLoop backendLoop = IOLoop.create();
    HttpServer backend = SlowTime.addTo(new Application(Settings.DEFAULTS),
        SlowTime.RANDOM_10_TO_500_MS).listen(backendLoop, 0, "127.0.0.1",
        HttpServerOptions.DEFAULTS);
    int backendPort = ((InetSocketAddress) backend.addresses().get(0)).getPort();
    Thread backendThread = new Thread(backendLoop::start, "slow-backend");
    backendThread.setDaemon(true);
    backendThread.start();

    IOLoop loop = IOLoop.create();
    if (loop.slowCallbackThreshold().isZero()) {
      loop.setSlowCallbackThreshold(Duration.ofMillis(100));
    }
    String timeUrl = "http://127.0.0.1:" + backendPort + "/api/time";
    HttpClient blocking = new HttpClient();
    // Tornado's default of 10 requests in progress would cap noblock at 10 backend calls at once.
    AsyncHttpClient async = new AsyncHttpClient(loop,
        HttpClientOptions.DEFAULTS.withMaxClients(256).withMaxIdlePerOrigin(256));
    Application front = SlowTime.addTo(Frontend.create(timeUrl, blocking, async),
        SlowTime.RANDOM_10_TO_500_MS);
    front.listen(loop, port, "127.0.0.1", HttpServerOptions.DEFAULTS);
    System.out.println("Backend " + timeUrl + " on " + backendLoop.pollerName());
    System.out.println("Try: wrk -t1 -c16 -d10s http://127.0.0.1:" + port + "/api/noblock");
    System.out.println(" and wrk -t1 -c16 -d10s http://127.0.0.1:" + port + "/api/block");
    loop.start();
  }
}
