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
class LockTest extends LoopTestSupport {

  @Test
  void acquireLocksAFreeLockAtOnceAndReleaseHandsItToTheWaiter() {
    onLoop(() -> {
      Lock lock = new Lock();
      assertFalse(lock.isLocked());
      assertDone(null, lock.acquire());
      assertTrue(lock.isLocked());
      CompletableFuture<Void> second = lock.acquire();
      assertFalse(second.isDone());
      lock.release();
      assertDone(null, second);
      assertTrue(lock.isLocked(), "handed over, not unlocked");
      lock.release();
      assertFalse(lock.isLocked());
    });
  }

  @Test
  void waitersGetTheLockFirstInFirstOut() {
    List<Integer> history = new ArrayList<>();
    Lock lock = new Lock();
    await(() -> {
      assertDone(null, lock.acquire());
      List<CompletableFuture<Void>> done = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        int index = i;
        // Hold the lock across a loop iteration, as a critical section doing I/O would.
        done.add(lock.acquire()
            .thenCompose(v -> {
              history.add(index);
              return moment();
            })
            .whenComplete((v, e) -> lock.release()));
      }
      assertTrue(done.stream().noneMatch(CompletableFuture::isDone));
      lock.release();
      return CompletableFuture.allOf(done.toArray(new CompletableFuture<?>[0]));
    });
    assertEquals(List.of(0, 1, 2, 3, 4), history);
    assertFalse(lock.isLocked());
  }

  @Test
  void releasingAnUnlockedLockIsAnError() {
    onLoop(() -> {
      Lock lock = new Lock();
      IllegalStateException e = assertThrows(IllegalStateException.class, lock::release);
      assertEquals("release unlocked lock", e.getMessage());
      lock.acquire();
      lock.release();
      assertThrows(IllegalStateException.class, lock::release);
      assertFalse(lock.isLocked());
    });
  }

  @Test
  void acquireTimesOutAndLeavesTheQueue() {
    Lock lock = new Lock();
    CompletableFuture<Void> a = await(() -> {
      lock.acquire();
      return settled(lock.acquire(SHORT));
    });
    assertTimedOut(a, "Lock.acquire");
    onLoop(() -> {
      assertTrue(lock.isLocked());
      assertEquals(0, lock.waiterCount());
      assertFalse(lock.acquire().isDone());
    });
  }

  @Test
  void aTimedOutWaiterIsNeverGivenTheLock() {
    Lock lock = new Lock();
    List<CompletableFuture<Void>> waiters = new ArrayList<>();
    await(() -> {
      lock.acquire();
      waiters.add(lock.acquire(SHORT));
      waiters.add(lock.acquire());
      assertEquals(2, lock.waiterCount());
      return sleep(Duration.ofMillis(30)).thenRun(() -> {
        assertEquals(1, lock.waiterCount());
        lock.release();
      });
    });
    assertTimedOut(waiters.get(0), "Lock.acquire");
    assertDone(null, waiters.get(1));
    assertTrue(lock.isLocked());
  }

  @Test
  void aReleaseBeforeTheTimeoutWins() {
    Lock lock = new Lock();
    await(() -> {
      lock.acquire();
      loop.callLater(SHORT, lock::release);
      CompletableFuture<Void> a = lock.acquire(Duration.ofMillis(20));
      // Outlive the timeout too: its timer must have been cancelled, not fired into a done future.
      return a.thenCompose(v -> sleep(Duration.ofMillis(30))).thenRun(() -> {
        assertDone(null, a);
        assertTrue(lock.isLocked());
      });
    });
  }

  @Test
  void aCancelledWaiterIsSkipped() {
    onLoop(() -> {
      Lock lock = new Lock();
      lock.acquire();
      CompletableFuture<Void> a = lock.acquire(Duration.ofSeconds(30));
      CompletableFuture<Void> b = lock.acquire();
      a.cancel(false);
      assertEquals(1, lock.waiterCount(), "a cancelled waiter leaves the queue at once");
      lock.release();
      assertTrue(a.isCancelled());
      assertDone(null, b);
      lock.release();
      assertFalse(lock.isLocked());
    });
  }

  @Test
  void aZeroTimeoutIsAnImmediateCheck() {
    // No loop is needed: nothing waits.
    Lock lock = new Lock();
    assertDone(null, lock.acquire(Duration.ZERO));
    assertTimedOut(lock.acquire(Duration.ZERO), "Lock.acquire");
    assertTimedOut(lock.acquire(Duration.ofMillis(-5)), "Lock.acquire");
    assertEquals(0, lock.waiterCount());
    lock.release();
    assertFalse(lock.isLocked());
  }

  @Test
  void timeoutMessageNamesTheOperationAndTheDuration() {
    Lock lock = new Lock();
    lock.acquire();
    CompletableFuture<Void> f = lock.acquire(Duration.ZERO);
    assertEquals("Lock.acquire timed out after 0 ms", failure(f).getMessage());
    CompletableFuture<Void> g = await(() -> settled(lock.acquire(Duration.ofMillis(15))));
    assertEquals("Lock.acquire timed out after 15 ms", failure(g).getMessage());
  }

  @Test
  void aTimeoutThatMustWaitNeedsARunningLoop() {
    Lock lock = new Lock();
    // Free: nothing waits, so no loop is needed.
    assertDone(null, lock.acquire(SHORT));
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> lock.acquire(SHORT));
    assertTrue(e.getMessage().contains("Lock.acquire") && e.getMessage().contains("IOLoop"),
        e.getMessage());
    assertEquals(0, lock.waiterCount(), "nothing queued");
  }

  @Test
  void futuresCompleteOnTheLoopThread() {
    Lock lock = new Lock();
    List<Boolean> onLoopThread = new ArrayList<>();
    await(() -> {
      lock.acquire();
      CompletableFuture<Void> timedOut = lock.acquire(SHORT)
          .handle((v, e) -> {
            onLoopThread.add(loop.inLoopThread());
            return null;
          });
      CompletableFuture<Void> granted = lock.acquire()
          .thenRun(() -> onLoopThread.add(loop.inLoopThread()));
      loop.callLater(Duration.ofMillis(20), lock::release);
      return CompletableFuture.allOf(timedOut, granted);
    });
    assertEquals(List.of(true, true), onLoopThread);
  }

  @Test
  void manyWaitersReleasingSynchronouslyDoNotOverflowTheStack() {
    // Each waiter releases inside its own dependent. Nested, these hand-overs overflowed the stack
    // at about 800 waiters, and CompletableFuture swallowed the error with the lock still held.
    int n = 50_000;
    Lock lock = new Lock();
    int[] entered = new int[1];
    onLoop(() -> {
      lock.acquire();
      for (int i = 0; i < n; i++) {
        lock.acquire().thenRun(() -> {
          entered[0]++;
          lock.release();
        });
      }
      lock.release();
    });
    assertEquals(n, entered[0]);
    assertFalse(lock.isLocked());
  }

  @Test
  void aWaiterChosenDuringAnotherWaitersDependentCannotBeCancelledAnyMore() {
    Lock lock = new Lock();
    List<String> seen = new ArrayList<>();
    onLoop(() -> {
      lock.acquire();
      CompletableFuture<Void> first = lock.acquire();
      CompletableFuture<Void> second = lock.acquire();
      first.thenRun(() -> {
        lock.release(); // chooses second; its completion waits until this stage returns
        seen.add("second done: " + second.isDone());
        seen.add("cancelled: " + second.cancel(false));
      });
      lock.release();
      assertDone(null, second);
    });
    assertEquals(List.of("second done: false", "cancelled: false"), seen);
    assertTrue(lock.isLocked(), "held for second, not lost to the cancellation");
  }

  @Test
  void toStringShowsStateAndWaiters() {
    Lock lock = new Lock();
    assertEquals("Lock[unlocked]", lock.toString());
    lock.acquire();
    lock.acquire();
    assertEquals("Lock[locked, waiters:1]", lock.toString());
  }
}
