package dev.eddy.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.loop.IOLoop;
import dev.eddy.loop.tck.ResourceLeakCheck;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The blocking {@link HttpClient} against an HttpServer whose loop runs on a thread of the test:
 * it fetches, throws, times out, serves several threads at once and leaves no thread behind.
 */
@ExtendWith(ResourceLeakCheck.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HttpClientTest {

  IOLoop serverLoop;
  Thread serverThread;
  HttpServer server;
  String base;

  @BeforeEach
  void startServer() throws IOException {
    serverLoop = IOLoop.create();
    server = new HttpServer(serverLoop, HttpClientTest::handle);
    int port = ((InetSocketAddress) server.listen(0, "127.0.0.1").get(0)).getPort();
    base = "http://127.0.0.1:" + port;
    serverThread = new Thread(serverLoop::start, "test-server-loop");
    serverThread.start();
  }

  @AfterEach
  void stopServer() throws InterruptedException {
    serverLoop.addCallback(() -> {
      server.stop();
      server.closeAllConnections().whenComplete((v, e) -> serverLoop.stop());
    });
    serverThread.join();
    serverLoop.close(true);
  }

  private static CompletableFuture<?> handle(HttpServerRequest req) {
    switch (req.path()) {
      case "/hello":
        return req.respond(200, "hello from " + req.method());
      case "/echo":
        return req.respond(200, new HttpHeaders(), req.body());
      case "/missing":
        return req.respond(404, "missing");
      case "/never":
        return new CompletableFuture<Void>();
      default:
        return req.respond(404, "no route");
    }
  }

  @Test
  void fetchWaitsForTheResponse() throws HttpClientException {
    try (HttpClient http = new HttpClient()) {
      HttpResponse r = http.fetch(base + "/hello");
      assertEquals(200, r.code());
      assertEquals("hello from GET", r.bodyText());
      r = http.fetch(HttpRequest.post(base + "/echo", "round trip"));
      assertEquals("round trip", r.bodyText());
    }
  }

  @Test
  void errorsAreThrown() {
    try (HttpClient http = new HttpClient()) {
      HttpClientException e = assertThrows(HttpClientException.class,
          () -> http.fetch(base + "/missing"));
      assertEquals(404, e.code());
      assertEquals("missing", e.response().bodyText());

      e = assertThrows(HttpClientException.class, () -> http.fetch(HttpRequest
          .builder(base + "/never").requestTimeout(Duration.ofMillis(200)).build()));
      assertEquals(599, e.code());
      assertEquals("Timeout during request", e.reason());

      assertThrows(IllegalArgumentException.class, () -> http.fetch("gopher://x/"));
    }
  }

  @Test
  void raiseErrorFalseReturnsTheResponse() throws HttpClientException {
    try (HttpClient http = new HttpClient()) {
      HttpResponse r = http.fetch(HttpRequest.builder(base + "/missing").raiseError(false)
          .build());
      assertEquals(404, r.code());
      assertNotNull(r.error());
    }
  }

  @Test
  void severalThreadsFetchAtOnce() throws InterruptedException {
    List<String> failures = new CopyOnWriteArrayList<>();
    Set<String> bodies = ConcurrentHashMap.newKeySet();
    try (HttpClient http = new HttpClient(HttpClientOptions.DEFAULTS.withMaxClients(2))) {
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int id = t;
        Thread thread = new Thread(() -> {
          for (int i = 0; i < 5; i++) {
            try {
              bodies.add(http.fetch(HttpRequest.post(base + "/echo", id + "-" + i)).bodyText());
            } catch (HttpClientException | RuntimeException e) {
              failures.add(e.toString());
            }
          }
        }, "fetcher-" + t);
        threads.add(thread);
        thread.start();
      }
      for (Thread thread : threads) {
        thread.join();
      }
    }
    assertEquals(List.of(), failures);
    assertEquals(20, bodies.size());
  }

  @Test
  void closeEndsTheThreadAndLaterFetchesFail() throws HttpClientException {
    HttpClient http = new HttpClient();
    http.fetch(base + "/hello");
    http.close();
    http.close(); // idempotent
    assertFalse(Thread.getAllStackTraces().keySet().stream()
        .anyMatch(t -> t.isAlive() && t.getName().startsWith("eddy-http-client-")),
        "the client's thread ended");
    assertThrows(IllegalStateException.class, () -> http.fetch(base + "/hello"));
    assertTrue(http.toString().contains("closed"));
  }
}
