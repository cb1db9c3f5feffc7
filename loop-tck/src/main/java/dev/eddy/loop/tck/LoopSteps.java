package dev.eddy.loop.tck;

import dev.eddy.loop.IOLoop;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs the steps of {@link DescriptorExhaustionScenario} on a running loop's thread, from the
 * thread that drives the scenario, one at a time and each bounded.
 *
 * <p>Threading: {@link #run} and {@link #settle} are called off the loop; the step runs on it,
 * handed over by {@link IOLoop#addCallback}, and its result comes back through a future, so what
 * the two threads share is never touched by both at once. Errors: a step that throws, or whose
 * future fails, throws the same exception from {@link #run}; one that takes longer than {@value
 * #STEP_SECONDS} seconds is a {@link Failure} naming it.
 */
final class LoopSteps {

  static final long STEP_SECONDS = 10;

  private final IOLoop loop;

  LoopSteps(IOLoop loop) {
    this.loop = loop;
  }

  /** One step: started on the loop's thread, done when its stage completes. */
  @FunctionalInterface
  interface Step<T> {
    CompletionStage<T> start() throws Exception;
  }

  /** Runs {@code step} on the loop's thread and waits (bounded) for its result. */
  <T> T run(String what, Step<T> step) throws Exception {
    CompletableFuture<T> result = new CompletableFuture<>();
    loop.addCallback(() -> {
      try {
        step.start().whenComplete((v, e) -> {
          if (e == null) {
            result.complete(v);
          } else {
            result.completeExceptionally(e);
          }
        });
      } catch (Throwable t) {
        result.completeExceptionally(t);
      }
    });
    try {
      return result.get(STEP_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new Failure(what + ": did not finish within " + STEP_SECONDS + " s");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      throw cause instanceof Exception ? (Exception) cause : e;
    }
  }

  /**
   * Two trips through the loop. A backend may release a closed descriptor only at its next poll
   * (the JDK's selector closes a registered channel when it deregisters it); after two trips
   * every poll that follows the closes has happened.
   */
  void settle() throws Exception {
    run("settle", () -> CompletableFuture.completedFuture(null));
    run("settle", () -> CompletableFuture.completedFuture(null));
  }

  /** @throws Failure with {@code failure} as its message unless {@code condition} holds */
  static void check(boolean condition, String failure) throws Failure {
    if (!condition) {
      throw new Failure(failure);
    }
  }

  /** A check of the scenario that did not hold; the message is the reason. */
  static final class Failure extends Exception {
    private static final long serialVersionUID = 1L;

    Failure(String message) {
      super(message);
    }
  }
}
