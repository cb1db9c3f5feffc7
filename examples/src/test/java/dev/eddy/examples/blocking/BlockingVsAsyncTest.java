package dev.eddy.examples.blocking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.examples.Served;
import dev.eddy.http.AsyncHttpClient;
import dev.eddy.http.HttpClient;
import dev.eddy.http.HttpClientException;
import dev.eddy.http.HttpResponse;
import dev.eddy.loop.IOLoop;
import dev.eddy.web.Application;
import dev.eddy.web.Settings;
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

  private final List<Served> served = new ArrayList<>();
  private HttpClient blocking;
  private HttpClient clients;
  private ExecutorService threads;

  @BeforeEach
  void start() {
    blocking = new HttpClient();
    clients = new HttpClient();
    threads = Executors.newFixedThreadPool(CLIENTS);
  }

  @AfterEach
  void stop() throws Exception {
    threads.shutdownNow();
    assertTrue(threads.awaitTermination(10, TimeUnit.SECONDS));
    clients.close();
    blocking.close();
    served.forEach(Served::close);
  }

  private Served serve(java.util.function.Function<IOLoop, Application> app) throws Exception {
    Served s = new Served(app);
    served.add(s);
    return s;
  }

  private Served front(String timeUrl) throws Exception {
    return serve(loop -> Frontend.create(timeUrl, blocking, new AsyncHttpClient(loop)));
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
    String backend = serve(loop -> SlowTime.addTo(new Application(Settings.DEFAULTS), gate)).url();
    Served front = front(backend + "/api/time");

    for (HttpResponse r : concurrently(front.url() + "/api/noblock")) {
      assertEquals(200, r.code());
      assertTrue(r.bodyText().startsWith("{\"time\":\""), r.bodyText());
    }
    assertEquals(CLIENTS, gate.maxHeld());
  }

  @Test
  void blockServesOneClientAtATimeAndTheDetectorNamesTheBlockingCall() throws Exception {
    Gate gate = new Gate(2);
    String backend = serve(loop -> SlowTime.addTo(new Application(Settings.DEFAULTS), gate)).url();
    Served front = front(backend + "/api/time");
    List<String> reports = new java.util.concurrent.CopyOnWriteArrayList<>();
    IOLoop loop = front.loop();
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

    for (HttpResponse r : concurrently(front.url() + "/api/block")) {
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
