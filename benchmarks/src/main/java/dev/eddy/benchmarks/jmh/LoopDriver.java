package dev.eddy.benchmarks.jmh;

import dev.eddy.loop.IOLoop;
import java.util.concurrent.CompletableFuture;

/**
 * Runs a loop on the calling thread (the benchmark thread) until a future completes, then returns
 * its value: {@link IOLoop#runSync} without its timeout timer and bookkeeping, so that little but
 * the work itself is measured. The loop must not be running; the work may have been started on
 * this thread before the call, since a loop that is not running may be used by any one thread.
 */
final class LoopDriver {

  private LoopDriver() {}

  /**
   * Runs {@code loop} until {@code work} is done.
   *
   * @return the value of {@code work}
   * @throws java.util.concurrent.CompletionException if {@code work} failed
   */
  static <T> T await(IOLoop loop, CompletableFuture<T> work) {
    if (!work.isDone()) {
      // stop() from the loop's own thread makes start() return after this iteration.
      work.whenComplete((v, e) -> loop.stop());
      loop.start();
    }
    if (!work.isDone()) {
      throw new IllegalStateException("the loop stopped before the work completed");
    }
    return work.join();
  }
}
