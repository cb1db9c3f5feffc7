package dev.eddy.examples;

import dev.eddy.http.AsyncHttpClient;
import dev.eddy.http.HttpClient;
import dev.eddy.http.HttpRequest;
import dev.eddy.http.HttpResponse;
import dev.eddy.http.HttpServer;
import dev.eddy.loop.IOLoop;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * The README's client snippet, kept compiling here: the async client on a loop, then the
 * blocking one, both against a local hello server.
 */
public final class HelloClient {

  private HelloClient() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    IOLoop loop = IOLoop.create();
    HttpServer server = new HttpServer(loop, req -> req.respond(200, "hi " + req.method() + "\n"));
    int port = ((InetSocketAddress) server.listen(0, "127.0.0.1").get(0)).getPort();
    String url = "http://127.0.0.1:" + port + "/";

    // readme:begin client
    AsyncHttpClient client = new AsyncHttpClient(loop);
    HttpResponse r = loop.runSync(() -> client.fetch(HttpRequest.post(url, "data")),
        Duration.ofSeconds(10));
    System.out.print(r.code() + " " + r.bodyText());            // 200 hi POST
    client.close();

    Thread serving = new Thread(loop::start, "server-loop");    // serve from another thread
    serving.start();
    try (HttpClient blocking = new HttpClient()) {                // owns a loop of its own
      System.out.print(blocking.fetch(url).bodyText());          // hi GET
    }
    // readme:end client
    loop.addCallback(loop::stop);
    serving.join();
    loop.close(true);
  }
}
