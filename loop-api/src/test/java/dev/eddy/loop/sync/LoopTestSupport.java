package dev.eddy.loop.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.eddy.loop.IOLoop;
import dev.eddy.loop.testing.FakePollerProvider;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A fresh loop on the fake backend per test, and helpers to run code on it. */
abstract class LoopTestSupport {

  static final Duration RUN_LIMIT = Duration.ofSeconds(5);
  static final Duration SHORT = Duration.ofMillis(10);

  IOLoop loop;

  @BeforeEach
  void createLoop() {
    loop = IOLoop.create(new FakePollerProvider());
  }

  @AfterEach
  void closeLoop() {
    loop.close(true);
  }

  /** Runs {@code body} on the loop and returns when the stage it returns completes. */
  <T> T await(Supplier<? extends CompletionStage<T>> body) {
    return loop.runSync(body, RUN_LIMIT);
  }

  /** Runs {@code body} on the loop, synchronously. */
  void onLoop(Runnable body) {
    loop.runSync(() -> {
      body.run();
      return null;
    }, RUN_LIMIT);
  }

  /** Tornado's {@code gen.sleep}: completes on the loop after {@code delay}. */
  CompletableFuture<Void> sleep(Duration delay) {
    CompletableFuture<Void> f = new CompletableFuture<>();
    loop.callLater(delay, () -> f.complete(null));
    return f;
  }

  /** Tornado's {@code gen.moment}: completes on the loop's next iteration. */
  CompletableFuture<Void> moment() {
    CompletableFuture<Void> f = new CompletableFuture<>();
    loop.addCallback(() -> f.complete(null));
    return f;
  }

  /** Completes, with {@code f} itself, once {@code f} is done however it ends. */
  static <T> CompletableFuture<CompletableFuture<T>> settled(CompletableFuture<T> f) {
    return f.handle((v, e) -> f);
  }

  /** The failure of a future that must have failed. */
  static Throwable failure(CompletableFuture<?> f) {
    assertTrue(f.isCompletedExceptionally(), () -> "expected a failed future, got " + f);
    try {
      f.join();
    } catch (CompletionException e) {
      return e.getCause();
    }
    return fail("join did not throw for " + f);
  }

  /** Asserts that {@code f} failed with a TimeoutException whose message names {@code what}. */
  static void assertTimedOut(CompletableFuture<?> f, String what) {
    Throwable t = failure(f);
    assertInstanceOf(TimeoutException.class, t);
    assertTrue(t.getMessage().startsWith(what + " timed out after "),
        () -> "message should name " + what + ": " + t.getMessage());
  }

  /** Asserts that {@code f} completed normally with {@code expected}. */
  static <T> void assertDone(T expected, CompletableFuture<T> f) {
    assertTrue(f.isDone() && !f.isCompletedExceptionally(), () -> "not completed normally: " + f);
    assertEquals(expected, f.join());
  }
}
