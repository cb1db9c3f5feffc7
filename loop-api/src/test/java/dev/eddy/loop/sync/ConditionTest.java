package dev.eddy.loop.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ConditionTest extends LoopTestSupport {

  private final List<Object> history = new ArrayList<>();

  /** Records "timeout" if the wait ends with false, else {@code key}. */
  private void record(CompletableFuture<Boolean> wait, Object key) {
    wait.thenAccept(notified -> history.add(notified ? key : "timeout"));
  }

  @Test
  void aSignalWakesTheWaiter() {
    Condition c = new Condition();
    boolean notified = await(() -> {
      loop.callLater(SHORT, c::signal);
      return c.await();
    });
    assertTrue(notified);
  }

  @Test
  void signalOneWakesOneWaiterAtATimeInOrder() {
    onLoop(() -> {
      Condition c = new Condition();
      record(c.await(), "wait1");
      record(c.await(), "wait2");
      c.signal(1);
      history.add("notify1");
      c.signal(1);
      history.add("notify2");
    });
    assertEquals(List.of("wait1", "notify1", "wait2", "notify2"), history);
  }

  @Test
  void signalNWakesTheNOldestWaiters() {
    onLoop(() -> {
      Condition c = new Condition();
      for (int i = 0; i < 6; i++) {
        record(c.await(), i);
      }
      c.signal(3);
      assertEquals(List.of(0, 1, 2), history);
      c.signal(1);
      assertEquals(List.of(0, 1, 2, 3), history);
      c.signal(2);
      assertEquals(List.of(0, 1, 2, 3, 4, 5), history);
      c.signal(2); // nobody left: nothing happens
      assertEquals(0, c.waiterCount());
    });
  }

  @Test
  void signalAllWakesEveryWaiterInOrder() {
    onLoop(() -> {
      Condition c = new Condition();
      for (int i = 0; i < 4; i++) {
        record(c.await(), i);
      }
      c.signalAll();
      history.add("notify_all");
    });
    assertEquals(List.of(0, 1, 2, 3, "notify_all"), history);
  }

  @Test
  void aTimeoutCompletesWithFalse() {
    Condition c = new Condition();
    CompletableFuture<Boolean> wait = await(() -> {
      CompletableFuture<Boolean> w = c.await(SHORT);
      loop.callLater(Duration.ofMillis(20), c::signal); // too late
      return sleep(Duration.ofMillis(30)).thenApply(v -> w);
    });
    assertDone(false, wait);
    assertEquals(0, c.waiterCount());
  }

  @Test
  void aSignalBeforeTheTimeoutWins() {
    Condition c = new Condition();
    CompletableFuture<Boolean> wait = await(() -> {
      loop.callLater(SHORT, c::signal);
      CompletableFuture<Boolean> w = c.await(Duration.ofMillis(20));
      return sleep(Duration.ofMillis(30)).thenApply(v -> w);
    });
    assertDone(true, wait);
  }

  @Test
  void aTimedOutWaiterDoesNotCountAgainstSignalN() {
    Condition c = new Condition();
    await(() -> {
      record(c.await(), 0);
      record(c.await(SHORT), 1);
      record(c.await(), 2);
      record(c.await(), 3);
      return sleep(Duration.ofMillis(20)).thenRun(() -> {
        assertEquals(List.of("timeout"), history);
        c.signal(2);
        assertEquals(List.of("timeout", 0, 2), history);
        c.signal();
        assertEquals(List.of("timeout", 0, 2, 3), history);
      });
    });
  }

  @Test
  void signalAllSkipsTimedOutWaiters() {
    Condition c = new Condition();
    await(() -> {
      record(c.await(), 0);
      record(c.await(SHORT), 1);
      record(c.await(), 2);
      return sleep(Duration.ofMillis(20)).thenRun(() -> {
        assertEquals(List.of("timeout"), history);
        c.signalAll();
        assertEquals(List.of("timeout", 0, 2), history);
      });
    });
  }

  @Test
  void aWaiterThatSignalsAgainWakesTheNextOne() {
    onLoop(() -> {
      Condition c = new Condition();
      List<CompletableFuture<Boolean>> waits = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        waits.add(c.await());
      }
      waits.get(1).thenRun(c::signal); // re-enters signal, waking the third
      c.signal(2);
      assertTrue(waits.stream().allMatch(CompletableFuture::isDone));
      assertEquals(0, c.waiterCount());
    });
  }

  @Test
  void timedOutWaitersLeaveTheQueueAtOnce() {
    Condition c = new Condition();
    CompletableFuture<Boolean> last = await(() -> {
      for (int i = 0; i < 101; i++) {
        c.await(SHORT);
      }
      CompletableFuture<Boolean> f = c.await();
      assertEquals(102, c.waiterCount());
      return sleep(Duration.ofMillis(20)).thenApply(v -> f);
    });
    onLoop(() -> {
      assertEquals(1, c.waiterCount());
      assertFalse(last.isDone());
      c.signal();
      assertDone(true, last);
    });
  }

  @Test
  void aCancelledWaiterIsNotCounted() {
    onLoop(() -> {
      Condition c = new Condition();
      CompletableFuture<Boolean> a = c.await();
      CompletableFuture<Boolean> b = c.await();
      assertTrue(a.cancel(false));
      assertEquals(1, c.waiterCount());
      c.signal(1);
      assertTrue(a.isCancelled());
      assertDone(true, b);
    });
  }

  @Test
  void aZeroTimeoutReturnsFalseAtOnce() {
    Condition c = new Condition();
    assertDone(false, c.await(Duration.ZERO));
    assertEquals(0, c.waiterCount());
  }

  @Test
  void aNegativeCountIsRejectedAndZeroWakesNobody() {
    onLoop(() -> {
      Condition c = new Condition();
      CompletableFuture<Boolean> w = c.await();
      assertThrows(IllegalArgumentException.class, () -> c.signal(-1));
      c.signal(0);
      assertFalse(w.isDone());
      assertEquals(1, c.waiterCount());
    });
  }

  @Test
  void aTimeoutNeedsARunningLoop() {
    Condition c = new Condition();
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> c.await(SHORT));
    assertTrue(e.getMessage().contains("Condition.await"), e.getMessage());
    assertEquals(0, c.waiterCount());
  }

  @Test
  void toStringShowsWaiters() {
    Condition c = new Condition();
    assertEquals("Condition", c.toString());
    c.await();
    assertEquals("Condition[waiters[1]]", c.toString());
  }
}
