package dev.eddy.loop.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class PriorityQueueTest extends LoopTestSupport {

  record Entry(int priority, String data) {
  }

  private static final Comparator<Entry> BY_PRIORITY = Comparator.comparingInt(Entry::priority);

  @Test
  void smallestComesFirstAndWaitingPuttersJoinTheOrder() {
    onLoop(() -> {
      PriorityQueue<Entry> q = new PriorityQueue<>(2, BY_PRIORITY);
      q.putNoWait(new Entry(1, "a"));
      q.putNoWait(new Entry(0, "b"));
      assertTrue(q.isFull());
      q.put(new Entry(3, "c"));
      q.put(new Entry(2, "d"));
      assertEquals(new Entry(0, "b"), q.getNoWait());
      assertDone(new Entry(1, "a"), q.get());
      assertEquals(new Entry(2, "d"), q.getNoWait());
      assertDone(new Entry(3, "c"), q.get());
      assertTrue(q.isEmpty());
    });
  }

  @Test
  void aWaitingPuttersItemGoesInBeforeTheGetChooses() {
    // Tornado's get_nowait puts the putter's item first, so a smaller one comes out at once.
    onLoop(() -> {
      PriorityQueue<Integer> q = new PriorityQueue<>(1);
      q.putNoWait(5);
      CompletableFuture<Void> put = q.put(1);
      assertEquals(1, q.getNoWait());
      assertDone(null, put);
      assertEquals(5, q.getNoWait());
    });
  }

  @Test
  void naturalOrderByDefault() {
    PriorityQueue<String> q = new PriorityQueue<>();
    for (String s : List.of("pear", "apple", "fig")) {
      q.putNoWait(s);
    }
    List<String> out = new ArrayList<>();
    while (!q.isEmpty()) {
      out.add(q.getNoWait());
    }
    assertEquals(List.of("apple", "fig", "pear"), out);
  }

  @Test
  void aComparatorDecidesTheOrder() {
    PriorityQueue<Integer> q = new PriorityQueue<>(Comparator.reverseOrder());
    q.putNoWait(1);
    q.putNoWait(3);
    q.putNoWait(2);
    assertEquals(List.of(3, 2, 1), List.of(q.getNoWait(), q.getNoWait(), q.getNoWait()));
    assertEquals(0, q.maxsize());
  }

  @Test
  void anIncomparableItemIsRefusedWithoutServingAGetter() {
    onLoop(() -> {
      PriorityQueue<Object> q = new PriorityQueue<>();
      CompletableFuture<Object> getter = q.get();
      assertThrows(ClassCastException.class, () -> q.putNoWait(new Object()));
      assertEquals(1, q.getterCount(), "the getter still waits");
      assertEquals(0, q.unfinishedTasks());
      q.putNoWait("ok");
      assertDone("ok", getter);
    });
  }

  @Test
  void aWaitingPutterWhoseItemIsRefusedFailsAndTheGetGoesOn() {
    onLoop(() -> {
      PriorityQueue<Object> q = new PriorityQueue<>(1);
      q.putNoWait("a");
      CompletableFuture<Void> bad = q.put(1); // Integer against String: refused when it moves in
      CompletableFuture<Void> good = q.put("b");
      assertEquals("a", q.getNoWait());
      assertTrue(LoopTestSupport.failure(bad) instanceof ClassCastException);
      assertDone(null, good);
      assertEquals("b", q.getNoWait());
      assertEquals(2, q.unfinishedTasks());
    });
  }

  @Test
  void timeoutsNameThePriorityQueue() {
    PriorityQueue<Integer> q = new PriorityQueue<>();
    assertTimedOut(q.get(java.time.Duration.ZERO), "PriorityQueue.get");
    assertEquals("PriorityQueue[maxsize=0]", q.toString());
  }
}
