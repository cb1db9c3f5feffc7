package dev.eddy.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.loop.testing.FakePollerProvider;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Cancelling a due timer from an earlier one of the same batch keeps the heap's count right. */
class TimerCancellationTest {

  private final IOLoop loop = IOLoop.create(new FakePollerProvider());

  @AfterEach
  void close() {
    loop.close(true);
  }

  @Test
  void cancellingDueTimersOfTheSameBatchNeverCorruptsTheHeap() {
    int[] ran = new int[1];
    for (int round = 0; round < 600; round++) {
      loop.runSync(() -> {
        long now = loop.time();
        Timeout[] b = new Timeout[1];
        loop.callAt(now, () -> b[0].cancel()); // A cancels B, both due in this iteration
        b[0] = loop.callAt(now, () -> ran[0]++);
        CompletableFuture<Void> done = new CompletableFuture<>();
        loop.callAt(now, () -> done.complete(null));
        return done;
      }, Duration.ofSeconds(5));
    }
    assertEquals(0, ran[0], "a cancelled timer never runs");
    // Before the fix the phantom cancellations made every cancel() throw from here on.
    assertEquals("ok", loop.runSync(() -> {
      Timeout t = loop.callLater(Duration.ofHours(1), () -> { });
      t.cancel();
      return CompletableFuture.completedFuture("ok");
    }, Duration.ofSeconds(5)));
    loop.runSync(() -> {
      // runSync's own timeout timers: this call's, and the last call's cancelled one (lazy)
      assertTrue(loop.timerHeapSize() <= 2, "heap " + loop.timerHeapSize());
      return null;
    }, Duration.ofSeconds(5));
  }
}
