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
class SemaphoreTest extends LoopTestSupport {

  @Test
  void aNegativeInitialValueIsRejected() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new Semaphore(-1));
    assertTrue(e.getMessage().contains(">= 0"), e.getMessage());
    assertEquals(0, new Semaphore(0).value());
    assertEquals(1, new Semaphore().value());
  }

  @Test
  void acquireWaitsForReleaseInOrder() {
    onLoop(() -> {
      Semaphore sem = new Semaphore();
      assertDone(null, sem.acquire());
      CompletableFuture<Void> f1 = sem.acquire();
      CompletableFuture<Void> f2 = sem.acquire();
      assertFalse(f1.isDone());
      sem.release();
      assertDone(null, f1);
      assertFalse(f2.isDone());
      sem.release();
      assertDone(null, f2);
      assertEquals(0, sem.value());
      sem.release();
      assertEquals(1, sem.value());
      assertDone(null, sem.acquire());
      assertEquals(0, sem.waiterCount());
    });
  }

  @Test
  void aLateReleaseAfterATimeoutGoesToTheValue() {
    Semaphore sem = new Semaphore(2);
    CompletableFuture<Void> timedOut = await(() -> {
      sem.acquire();
      sem.acquire();
      CompletableFuture<Void> a = sem.acquire(SHORT);
      loop.callLater(Duration.ofMillis(20), sem::release); // too late
      return sleep(Duration.ofMillis(30)).thenApply(v -> a);
    });
    assertTimedOut(timedOut, "Semaphore.acquire");
    onLoop(() -> {
      assertEquals(1, sem.value(), "the late release was not given to the timed-out waiter");
      assertDone(null, sem.acquire());
      CompletableFuture<Void> f = sem.acquire();
      assertFalse(f.isDone());
      sem.release();
      assertDone(null, f);
    });
  }

  @Test
  void aReleaseBeforeTheTimeoutWins() {
    Semaphore sem = new Semaphore(1);
    await(() -> {
      sem.acquire();
      loop.callLater(SHORT, sem::release);
      CompletableFuture<Void> a = sem.acquire(Duration.ofMillis(20));
      return sleep(Duration.ofMillis(30)).thenRun(() -> assertDone(null, a));
    });
    assertEquals(0, sem.value());
  }

  @Test
  void releasesBeyondTheInitialValueAddPermits() {
    onLoop(() -> {
      Semaphore sem = new Semaphore();
      sem.release();
      sem.release();
      assertEquals(3, sem.value());
      assertDone(null, sem.acquire());
      assertDone(null, sem.acquire());
      assertDone(null, sem.acquire());
      assertFalse(sem.acquire().isDone());
    });
  }

  @Test
  void timedOutWaitersLeaveTheQueueAtOnce() {
    // Tornado sweeps timed-out waiters every 100 timeouts; here each one leaves as it times out.
    Semaphore sem = new Semaphore(0);
    List<CompletableFuture<Void>> timed = new ArrayList<>();
    CompletableFuture<Void> last = await(() -> {
      for (int i = 0; i < 101; i++) {
        timed.add(sem.acquire(SHORT));
      }
      CompletableFuture<Void> f = sem.acquire();
      assertEquals(102, sem.waiterCount());
      return sleep(Duration.ofMillis(20)).thenApply(v -> f);
    });
    onLoop(() -> {
      assertEquals(1, sem.waiterCount());
      assertFalse(last.isDone());
      sem.release();
      assertDone(null, last);
    });
    for (CompletableFuture<Void> f : timed) {
      assertTimedOut(f, "Semaphore.acquire");
    }
  }

  @Test
  void aCancelledWaiterIsSkippedAndLeavesTheQueue() {
    onLoop(() -> {
      Semaphore sem = new Semaphore(0);
      CompletableFuture<Void> a = sem.acquire();
      CompletableFuture<Void> b = sem.acquire(Duration.ofSeconds(30));
      CompletableFuture<Void> c = sem.acquire();
      assertTrue(b.cancel(false));
      assertTrue(a.cancel(false));
      assertEquals(1, sem.waiterCount());
      sem.release();
      assertDone(null, c);
      assertEquals(0, sem.value());
    });
  }

  @Test
  void contendedHoldersRunOneAtATime() {
    Semaphore sem = new Semaphore();
    List<String> history = new ArrayList<>();
    await(() -> {
      List<CompletableFuture<Void>> workers = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        int index = i;
        workers.add(sem.acquire()
            .thenCompose(v -> {
              history.add("acquired " + index);
              return sleep(SHORT);
            })
            .thenRun(() -> history.add("release " + index))
            .whenComplete((v, e) -> sem.release()));
      }
      return CompletableFuture.allOf(workers.toArray(new CompletableFuture<?>[0]));
    });
    assertEquals(List.of("acquired 0", "release 0", "acquired 1", "release 1"), history);
    assertEquals(1, sem.value());
  }

  @Test
  void aWaiterMayReleaseInItsDependentAndTheNextOneIsServed() {
    List<Integer> order = new ArrayList<>();
    onLoop(() -> {
      Semaphore sem = new Semaphore(0);
      for (int i = 0; i < 3; i++) {
        int index = i;
        sem.acquire().thenRun(() -> {
          order.add(index);
          sem.release();
        });
      }
      sem.release();
      assertEquals(1, sem.value());
      assertEquals(0, sem.waiterCount());
    });
    assertEquals(List.of(0, 1, 2), order);
  }

  @Test
  void aZeroTimeoutIsAnImmediateCheck() {
    Semaphore sem = new Semaphore(1);
    assertDone(null, sem.acquire(Duration.ZERO));
    assertTimedOut(sem.acquire(Duration.ZERO), "Semaphore.acquire");
    assertEquals(0, sem.waiterCount());
    assertEquals(0, sem.value());
  }

  @Test
  void aTimeoutThatMustWaitNeedsARunningLoop() {
    Semaphore sem = new Semaphore(0);
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> sem.acquire(SHORT));
    assertTrue(e.getMessage().contains("Semaphore.acquire"), e.getMessage());
    assertEquals(0, sem.waiterCount());
  }

  @Test
  void toStringShowsValueAndWaiters() {
    Semaphore sem = new Semaphore();
    assertEquals("Semaphore[unlocked,value:1]", sem.toString());
    sem.acquire();
    assertEquals("Semaphore[locked]", sem.toString());
    sem.acquire();
    assertEquals("Semaphore[locked,waiters:1]", sem.toString());
  }
}
