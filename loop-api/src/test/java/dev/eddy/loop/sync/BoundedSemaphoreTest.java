package dev.eddy.loop.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class BoundedSemaphoreTest extends LoopTestSupport {

  @Test
  void releasingPastTheInitialValueIsAnError() {
    onLoop(() -> {
      BoundedSemaphore sem = new BoundedSemaphore();
      IllegalStateException e = assertThrows(IllegalStateException.class, sem::release);
      assertEquals("Semaphore released too many times", e.getMessage());
      assertEquals(1, sem.value());
      assertDone(null, sem.acquire());
      CompletableFuture<Void> waiting = sem.acquire();
      assertFalse(waiting.isDone());
      sem.release();
      assertDone(null, waiting);
      assertEquals(0, sem.value());
      sem.release();
      assertEquals(1, sem.value());
      assertThrows(IllegalStateException.class, sem::release);
      assertEquals(1, sem.value(), "a refused release changes nothing");
    });
  }

  @Test
  void aBoundOfZeroRefusesEveryRelease() {
    BoundedSemaphore sem = new BoundedSemaphore(0);
    assertThrows(IllegalStateException.class, sem::release);
    assertThrows(IllegalArgumentException.class, () -> new BoundedSemaphore(-1));
  }

  @Test
  void timeoutsNameTheBoundedSemaphore() {
    BoundedSemaphore sem = new BoundedSemaphore(0);
    assertTimedOut(sem.acquire(Duration.ZERO), "BoundedSemaphore.acquire");
    CompletableFuture<Void> f = await(() -> settled(sem.acquire(SHORT)));
    assertTimedOut(f, "BoundedSemaphore.acquire");
    assertEquals(0, sem.waiterCount());
  }

  @Test
  void toStringNamesTheClass() {
    assertEquals("BoundedSemaphore[unlocked,value:2]", new BoundedSemaphore(2).toString());
  }
}
