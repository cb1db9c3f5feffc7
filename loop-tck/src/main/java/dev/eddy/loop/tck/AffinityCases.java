package dev.eddy.loop.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.eddy.loop.IOLoop;
import dev.eddy.loop.PeriodicCallback;
import dev.eddy.loop.spi.NotRegisteredException;
import dev.eddy.loop.spi.PollHandle;
import dev.eddy.loop.spi.StreamHandle;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Loop affinity: a method that belongs to the loop's thread throws when another thread calls it
 * while the loop runs, and leaves the loop's state as it was; the thread-safe methods work from
 * any thread.
 */
interface AffinityCases extends LoopFixture {

  /** A method that belongs to the loop's thread while the loop runs. */
  @FunctionalInterface
  interface LoopOperation {
    void apply(IOLoop loop, AffinityFixture fixture) throws Exception;
  }

  /** What the operations act on: handles with and without handler, and a pending timer. */
  static final class AffinityFixture {
    final PollHandle unregistered;
    final PollHandle registered;
    final dev.eddy.loop.Timeout timeout;

    AffinityFixture(PollHandle unregistered, PollHandle registered, dev.eddy.loop.Timeout timeout) {
      this.unregistered = unregistered;
      this.registered = registered;
      this.timeout = timeout;
    }
  }

  private static Arguments operation(String name, LoopOperation op) {
    return arguments(Named.of(name, op));
  }

  static Stream<Arguments> loopThreadOnlyOperations() {
    return Stream.of(
        operation("callLater", (l, f) -> l.callLater(Duration.ofMillis(1), () -> { })),
        operation("callAt", (l, f) -> l.callAt(l.time(), () -> { })),
        operation("removeTimeout", (l, f) -> l.removeTimeout(f.timeout)),
        operation("Timeout.cancel", (l, f) -> f.timeout.cancel()),
        operation("addHandler",
            (l, f) -> l.addHandler(f.unregistered, IOLoop.READ, (h, e) -> { })),
        operation("updateHandler", (l, f) -> l.updateHandler(f.registered, IOLoop.WRITE)),
        operation("removeHandler", (l, f) -> l.removeHandler(f.registered)),
        operation("timerHeapSize", (l, f) -> l.timerHeapSize()),
        operation("runInExecutor (default executor)", (l, f) -> l.runInExecutor(() -> 1)),
        operation("setDefaultExecutor", (l, f) -> l.setDefaultExecutor(Runnable::run)),
        operation("setSlowCallbackThreshold",
            (l, f) -> l.setSlowCallbackThreshold(Duration.ofSeconds(1))),
        operation("setSlowCallbackListener",
            (l, f) -> l.setSlowCallbackListener((lp, d, t, s) -> { })),
        operation("PeriodicCallback.start",
            (l, f) -> new PeriodicCallback(() -> { }, Duration.ofMillis(1)).start(l)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("loopThreadOnlyOperations")
  @Timeout(30)
  default void loopThreadOnlyMethodThrowsWhenCalledFromAnotherThreadWhileRunning(LoopOperation op)
      throws Exception {
    StreamHandle[] free = streamPair();
    StreamHandle[] watched = streamPair();
    loop().addHandler(watched[0], IOLoop.READ, (h, events) -> { });
    dev.eddy.loop.Timeout pending = loop().callLater(Duration.ofHours(1), () -> { });
    AffinityFixture fixture = new AffinityFixture(free[0], watched[0], pending);
    try (LoopThread running = new LoopThread(this)) {
      List<Object> before = running.call(() -> loopState(fixture));
      assertThrows(IllegalStateException.class, () -> op.apply(loop(), fixture));
      assertEquals(before, running.call(() -> loopState(fixture)),
          "the refused call changed the loop's state");
    }
  }

  /** Timer heap, timer, registrations and threshold; on the loop's thread. */
  private List<Object> loopState(AffinityFixture f) {
    return List.of(loop().timerHeapSize(), f.timeout.isPending(), isRegistered(f.registered),
        isRegistered(f.unregistered), loop().slowCallbackThreshold());
  }

  private boolean isRegistered(PollHandle handle) {
    try {
      loop().updateHandler(handle, IOLoop.READ); // the interest it has or should have: no change
      return true;
    } catch (NotRegisteredException e) {
      return false;
    }
  }

  @Test
  @Timeout(30)
  default void threadSafeMethodsWorkFromAnotherThreadWhileRunning() throws Exception {
    try (LoopThread running = new LoopThread(this)) {
      assertTrue(loop().isRunning());
      assertFalse(loop().inLoopThread());
      assertEquals(backend().name(), loop().pollerName());
      assertNotNull(loop().transport());
      long t = loop().time();
      assertTrue(loop().time() - t >= 0, "time() is monotonic");
      assertThrows(IllegalStateException.class, IOLoop::current, "current() on another thread");
      assertNull(IOLoop.currentOrNull());
      CompletableFuture<Boolean> viaExecute = new CompletableFuture<>();
      loop().execute(() -> viaExecute.complete(loop().inLoopThread()));
      assertTrue(viaExecute.get(WAIT_MILLIS, TimeUnit.MILLISECONDS));
      assertTrue(running.call(loop()::inLoopThread));
    }
  }
}
