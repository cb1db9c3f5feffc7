package dev.eddy.examples.blocking;

import dev.eddy.loop.IOLoop;
import dev.eddy.web.Application;
import dev.eddy.web.RequestHandler;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The slow backend: {@code GET /api/time} answers the current time after a delay, the way a slow
 * database or remote service would. The delay is a timer on the loop, so the backend itself never
 * blocks: it can hold any number of requests at once.
 */
public final class SlowTime {

  /** When {@code /api/time} may answer. Called on the serving loop's thread. */
  @FunctionalInterface
  public interface Delay {
    /** A stage that completes when the request may be answered. */
    CompletionStage<Void> before(RequestHandler request);
  }

  /** The demo's delay: uniformly 10–500 ms. */
  public static final Delay RANDOM_10_TO_500_MS = request -> {
    CompletableFuture<Void> later = new CompletableFuture<>();
    long millis = ThreadLocalRandom.current().nextLong(10, 501);
    IOLoop.current().callLater(Duration.ofMillis(millis), () -> later.complete(null));
    return later;
  };

  private SlowTime() {}

  /** Adds {@code GET /api/time} to {@code app}. */
  public static Application addTo(Application app, Delay delay) {
    return app.get("/api/time", ctx -> delay.before(ctx)
        .thenApply(v -> Map.of("time", Instant.now().toString())));
  }
}
