package dev.eddy.examples.blocking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.http.AsyncHttpClient;
import dev.eddy.http.HttpClient;
import dev.eddy.http.HttpClientException;
import dev.eddy.http.HttpResponse;
import dev.eddy.http.HttpServer;
import dev.eddy.http.HttpServerOptions;
import dev.eddy.loop.IOLoop;
import dev.eddy.stream.LoopGroup;
import dev.eddy.web.Application;
import dev.eddy.web.Settings;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The demo's claim, shown without clocks: with {@code /api/noblock} the front loop has all
 * clients' backend calls in flight at once (the backend answers only when it holds all of them);
 * with {@code /api/block} it has one at a time, and the slow-callback detector names the blocking
 * call (the backend answers each call only when the detector has reported it).
 */
class BlockingVsAsyncTest {

  private static final int CLIENTS = 4;

  private LoopGroup backendLoop;
  private LoopGroup frontLoop;
  private HttpClient blocking;
  private HttpClient clients;
  private ExecutorService threads;
  private final List<HttpServer> servers = new ArrayList<>();

  @BeforeEach
  void start() {
    backendLoop = LoopGroup.start(1);
    frontLoop = LoopGroup.start(1);
    blocking = new HttpClient();
    clients = new HttpClient();
    threads = Executors.newFixedThreadPool(CLIENTS);
  }

  @AfterEach
  void stop() throws Exception {
    threads.shutdownNow();
    assertTrue(threads.awaitTermination(10, TimeUnit.SECONDS));
    for (HttpServer s : servers) {
      s.loop().addCallback(s::stop);
    }
    clients.close();
    blocking.close();
    frontLoop.close();
    backendLoop.close();
  }

  /** Serves {@code app} on {@code group}'s loop; returns the base URL. */
  private String serve(LoopGroup group, java.util.function.Supplier<Application> app)
      throws Exception {
    IOLoop loop = group.loops().get(0);
    CompletableFuture<HttpServer> server = new CompletableFuture<>();
    loop.addCallback(() -> {
      try {
        server.complete(app.get().listen(loop, 0, "127.0.0.1", HttpServerOptions.DEFAULTS));
      } catch (Exception e) {
        server.completeExceptionally(e);
      }
    });
    HttpServer s = server.get(10, TimeUnit.SECONDS);
    servers.add(s);
    return "http://127.0.0.1:" + ((InetSocketAddress) s.addresses().get(0)).getPort();
  }

  private String front(String timeUrl) throws Exception {
    IOLoop loop = frontLoop.loops().get(0);
    return serve(frontLoop,
        () -> Frontend.create(timeUrl, blocking, new AsyncHttpClient(loop)));
  }

  /** Every client asks {@code url} at once; returns the answers. */
  private List<HttpResponse> concurrently(String url) throws Exception {
    List<CompletableFuture<HttpResponse>> answers = new ArrayList<>();
    for (int i = 0; i < CLIENTS; i++) {
      answers.add(CompletableFuture.supplyAsync(() -> {
        try {
          return clients.fetch(url);
        } catch (HttpClientException e) {
          throw new java.util.concurrent.CompletionException(e);
        }
      }, threads));
    }
    List<HttpResponse> out = new ArrayList<>();
    for (CompletableFuture<HttpResponse> a : answers) {
      out.add(a.get(30, TimeUnit.SECONDS));
    }
    return out;
  }

  @Test
  void noblockHasEveryClientsCallInFlightAtOnce() throws Exception {
    Gate gate = new Gate(CLIENTS);
    String backend = serve(backendLoop,
        () -> SlowTime.addTo(new Application(Settings.DEFAULTS), gate));
    String front = front(backend + "/api/time");

    for (HttpResponse r : concurrently(front + "/api/noblock")) {
      assertEquals(200, r.code());
      assertTrue(r.bodyText().startsWith("{\"time\":\""), r.bodyText());
    }
    assertEquals(CLIENTS, gate.maxHeld());
  }

  @Test
  void blockServesOneClientAtATimeAndTheDetectorNamesTheBlockingCall() throws Exception {
    Gate gate = new Gate(2);
    String backend = serve(backendLoop,
        () -> SlowTime.addTo(new Application(Settings.DEFAULTS), gate));
    String front = front(backend + "/api/time");
    List<String> reports = new java.util.concurrent.CopyOnWriteArrayList<>();
    IOLoop loop = frontLoop.loops().get(0);
    CompletableFuture<Void> watching = new CompletableFuture<>();
    loop.addCallback(() -> {
      loop.setSlowCallbackListener((l, blockedFor, task, stack) -> {
        reports.add(Arrays.toString(stack));
        gate.release();                    // the backend answers once the detector has spoken
      });
      loop.setSlowCallbackThreshold(Duration.ofMillis(20));
      watching.complete(null);
    });
    watching.get(10, TimeUnit.SECONDS);

    for (HttpResponse r : concurrently(front + "/api/block")) {
      assertEquals(200, r.code());
      assertTrue(r.bodyText().startsWith("{\"time\":\""), r.bodyText());
    }
    assertEquals(1, gate.maxHeld(), "the blocked loop let a second call through");
    List<String> blockingCalls = reports.stream()
        .filter(stack -> stack.contains("dev.eddy.http.HttpClient.fetch")).toList();
    assertEquals(CLIENTS, blockingCalls.size(), "one report per blocking call: " + reports);
    for (String stack : blockingCalls) {
      assertTrue(stack.contains("dev.eddy.examples.blocking.Frontend"), stack);
    }
  }
}
