package dev.eddy.http;

import dev.eddy.loop.IOLoop;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

/** Waiting, in tests, for something the loop does by itself, without sleeping. */
final class LoopConditions {

  private LoopConditions() {}

  /**
   * Runs {@code loop} until {@code condition} holds (checked every few milliseconds on the loop),
   * for at most {@code max}; fails with an {@link AssertionError} after that.
   */
  static void awaitCondition(IOLoop loop, BooleanSupplier condition, Duration max) {
    long deadline = System.nanoTime() + max.toNanos();
    CompletableFuture<Void> done = new CompletableFuture<>();
    Runnable[] check = new Runnable[1];
    check[0] = () -> {
      if (condition.getAsBoolean()) {
        done.complete(null);
      } else if (System.nanoTime() > deadline) {
        done.completeExceptionally(new AssertionError("condition not met within " + max));
      } else {
        loop.callLater(Duration.ofMillis(5), check[0]);
      }
    };
    loop.runSync(() -> {
      check[0].run();
      return done;
    }, max.plusSeconds(5));
  }
}
