package dev.eddy.loop.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class LifoQueueTest extends LoopTestSupport {

  @Test
  void theNewestItemComesFirstAndWaitingPuttersJoinTheStack() {
    onLoop(() -> {
      LifoQueue<Integer> q = new LifoQueue<>(2);
      q.putNoWait(1);
      q.putNoWait(0);
      assertTrue(q.isFull());
      q.put(3);
      q.put(2);
      assertEquals(3, q.getNoWait());
      assertDone(2, q.get());
      assertEquals(0, q.getNoWait());
      assertDone(1, q.get());
      assertTrue(q.isEmpty());
    });
  }

  @Test
  void gettersAreStillServedFirstInFirstOut() {
    onLoop(() -> {
      LifoQueue<String> q = new LifoQueue<>();
      CompletableFuture<String> first = q.get();
      CompletableFuture<String> second = q.get();
      q.putNoWait("x");
      q.putNoWait("y");
      assertDone("x", first);
      assertDone("y", second);
    });
  }

  @Test
  void timeoutsNameTheLifoQueue() {
    LifoQueue<Integer> q = new LifoQueue<>(1);
    q.putNoWait(1);
    assertTimedOut(q.put(2, Duration.ZERO), "LifoQueue.put");
    assertEquals("LifoQueue[maxsize=1 queue=[1] tasks=1]", q.toString());
  }
}
