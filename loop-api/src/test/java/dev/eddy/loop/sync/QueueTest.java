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
class QueueTest extends LoopTestSupport {

  // ------------------------------------------------------------------------------------- basics

  @Test
  void toStringShowsMaxsizeWaitersAndTasks() {
    Queue<String> q = new Queue<>(1);
    q.get();
    assertEquals("Queue[maxsize=1 getters[1]]", q.toString());
    q.put("a"); // goes to the getter, still counts as a task
    q.put("b");
    q.put("c"); // full: waits
    assertEquals("Queue[maxsize=1 queue=[b] putters[1] tasks=2]", q.toString());
  }

  @Test
  void itemsComeOutInTheOrderTheyWentIn() {
    Queue<Integer> q = new Queue<>();
    for (int i : new int[] {1, 3, 2}) {
      q.putNoWait(i);
    }
    assertEquals(List.of(1, 3, 2), List.of(q.getNoWait(), q.getNoWait(), q.getNoWait()));
  }

  @Test
  void maxsizeBoundsTheQueue() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new Queue<Integer>(-1));
    assertTrue(e.getMessage().contains("negative"), e.getMessage());
    onLoop(() -> {
      Queue<Integer> q = new Queue<>(2);
      assertTrue(q.isEmpty());
      assertFalse(q.isFull());
      assertEquals(2, q.maxsize());
      assertDone(null, q.put(0));
      assertDone(null, q.put(1));
      assertFalse(q.isEmpty());
      assertTrue(q.isFull());
      CompletableFuture<Void> put2 = q.put(2);
      assertFalse(put2.isDone());
      assertDone(0, q.get()); // makes room
      assertDone(null, put2);
      assertTrue(q.isFull());
      assertEquals(2, q.qsize());
    });
  }

  @Test
  void anUnboundedQueueIsNeverFull() {
    Queue<Integer> q = new Queue<>();
    for (int i = 0; i < 1000; i++) {
      q.putNoWait(i);
    }
    assertFalse(q.isFull());
    assertEquals(0, q.maxsize());
    assertEquals(1000, q.qsize());
  }

  @Test
  void nullItemsAreRejected() {
    Queue<String> q = new Queue<>();
    assertThrows(NullPointerException.class, () -> q.putNoWait(null));
    assertThrows(NullPointerException.class, () -> q.put(null));
    assertEquals(0, q.qsize());
    assertEquals(0, q.unfinishedTasks());
  }

  // ---------------------------------------------------------------------------------------- get

  @Test
  void getReturnsAnItemThatIsThere() {
    Queue<Integer> q = new Queue<>();
    q.putNoWait(0);
    assertEquals(Integer.valueOf(0), await(q::get));
    q.putNoWait(1);
    assertEquals(1, q.getNoWait());
  }

  @Test
  void getNoWaitOnAnEmptyQueueThrows() {
    Queue<Integer> q = new Queue<>();
    QueueEmptyException e = assertThrows(QueueEmptyException.class, q::getNoWait);
    assertEquals("Queue is empty", e.getMessage());
  }

  @Test
  void getMovesAWaitingPuttersItemIn() {
    onLoop(() -> {
      Queue<Integer> q = new Queue<>(1);
      q.putNoWait(0);
      CompletableFuture<Void> put = q.put(1);
      assertDone(0, q.get());
      assertDone(null, put);
      assertEquals(1, q.qsize());
      assertEquals(0, q.putterCount());
      assertEquals(1, q.getNoWait());
    });
  }

  @Test
  void getWaitsForLaterPuts() {
    Queue<Integer> q = new Queue<>();
    List<Integer> got = await(() -> {
      q.put(0);
      loop.callLater(SHORT, () -> q.putNoWait(1));
      loop.callLater(Duration.ofMillis(20), () -> q.putNoWait(2));
      List<Integer> items = new ArrayList<>();
      return q.get(Duration.ofSeconds(1))
          .thenCompose(item -> {
            items.add(item);
            return q.get(Duration.ofSeconds(1));
          })
          .thenApply(item -> {
            items.add(item);
            return items;
          });
    });
    assertEquals(List.of(0, 1), got);
  }

  @Test
  void getTimesOutAndTheNextGetterIsServed() {
    Queue<Integer> q = new Queue<>();
    List<CompletableFuture<Integer>> gets = new ArrayList<>();
    await(() -> {
      gets.add(q.get(SHORT));
      gets.add(q.get());
      return settled(gets.get(0));
    });
    assertTimedOut(gets.get(0), "Queue.get");
    onLoop(() -> {
      assertEquals(1, q.getterCount());
      q.putNoWait(0);
      assertDone(0, gets.get(1));
      assertTrue(q.isEmpty());
    });
  }

  @Test
  void aZeroTimeoutGetIsAnImmediateCheck() {
    Queue<Integer> q = new Queue<>();
    assertTimedOut(q.get(Duration.ZERO), "Queue.get");
    assertTimedOut(q.get(Duration.ofMillis(-1)), "Queue.get");
    assertEquals(0, q.getterCount());
    q.putNoWait(7);
    assertDone(7, q.get(Duration.ZERO));
  }

  @Test
  void aPutBeforeTheTimeoutWins() {
    Queue<Integer> q = new Queue<>();
    CompletableFuture<Integer> get = await(() -> {
      CompletableFuture<Integer> g = q.get(SHORT);
      q.put(0);
      return sleep(Duration.ofMillis(20)).thenApply(v -> g);
    });
    assertDone(0, get);
  }

  @Test
  void timedOutPuttersLeaveAtOnceAndNeverPutTheirItems() {
    Queue<Integer> q = new Queue<>(1);
    List<CompletableFuture<Void>> putters = new ArrayList<>();
    CompletableFuture<Void> put10 = await(() -> {
      for (int i = 0; i < 10; i++) {
        putters.add(q.put(i, SHORT)); // the first goes in, the others wait
      }
      CompletableFuture<Void> p = q.put(10);
      assertEquals(10, q.putterCount());
      return sleep(Duration.ofMillis(20)).thenApply(v -> p);
    });
    onLoop(() -> {
      assertEquals(1, q.putterCount(), "Tornado keeps them until the next get; we drop them");
      assertFalse(put10.isDone());
      CompletableFuture<Void> put11 = q.put(11);
      assertEquals(2, q.putterCount());
      assertDone(0, q.get());
      assertDone(null, put10);
      assertEquals(1, q.putterCount());
      assertDone(10, q.get());
      assertDone(null, put11);
      assertDone(11, q.get());
    });
    assertDone(null, putters.get(0));
    for (CompletableFuture<Void> p : putters.subList(1, 10)) {
      assertTimedOut(p, "Queue.put");
    }
  }

  @Test
  void timedOutGettersLeaveAtOnce() {
    Queue<Integer> q = new Queue<>();
    List<CompletableFuture<Integer>> getters = new ArrayList<>();
    CompletableFuture<Integer> last = await(() -> {
      for (int i = 0; i < 10; i++) {
        getters.add(q.get(SHORT));
      }
      CompletableFuture<Integer> g = q.get();
      assertEquals(11, q.getterCount());
      return sleep(Duration.ofMillis(20)).thenApply(v -> g);
    });
    onLoop(() -> {
      assertEquals(1, q.getterCount());
      assertFalse(last.isDone());
      q.put(0);
      assertDone(0, last);
      assertEquals(0, q.getterCount());
    });
    for (CompletableFuture<Integer> g : getters) {
      assertTimedOut(g, "Queue.get");
    }
  }

  @Test
  void aCancelledGetterIsNeverGivenAnItem() {
    onLoop(() -> {
      Queue<String> q = new Queue<>();
      CompletableFuture<String> g0 = q.get();
      CompletableFuture<String> g1 = q.get(Duration.ofSeconds(30));
      assertTrue(g0.cancel(false));
      assertEquals(1, q.getterCount());
      q.putNoWait("x");
      assertDone("x", g1);
      assertTrue(q.isEmpty());
    });
  }

  // ---------------------------------------------------------------------------------------- put

  @Test
  void putNoWaitOnAFullQueueThrows() {
    Queue<Integer> q = new Queue<>(1);
    q.put(0);
    QueueFullException e = assertThrows(QueueFullException.class, () -> q.putNoWait(1));
    assertEquals("Queue is full (maxsize 1)", e.getMessage());
    assertEquals(1, q.qsize());
    assertEquals(1, q.unfinishedTasks());
  }

  @Test
  void putsServeWaitingGettersInOrder() {
    onLoop(() -> {
      Queue<Integer> q = new Queue<>();
      CompletableFuture<Integer> get0 = q.get();
      CompletableFuture<Integer> get1 = q.get();
      assertDone(null, q.put(0));
      assertDone(0, get0);
      assertFalse(get1.isDone());
      q.putNoWait(1); // completes the getter within the call (Tornado: on the next iteration)
      assertDone(1, get1);
      assertTrue(q.isEmpty());
      assertEquals(2, q.unfinishedTasks(), "handed-over items are tasks too");
    });
  }

  @Test
  void putWaitsForRoom() {
    Queue<Integer> q = new Queue<>(1);
    await(() -> {
      q.putNoWait(0);
      loop.callLater(SHORT, () -> q.get());
      loop.callLater(Duration.ofMillis(20), () -> q.get());
      CompletableFuture<Void> a = q.put(1);
      CompletableFuture<Void> b = q.put(2);
      assertFalse(a.isDone() || b.isDone());
      return CompletableFuture.allOf(a, b);
    });
    assertEquals(1, q.qsize());
    assertEquals(2, q.getNoWait());
  }

  @Test
  void putTimesOutAndItsItemNeverGoesIn() {
    Queue<Integer> q = new Queue<>(1);
    List<CompletableFuture<Void>> puts = new ArrayList<>();
    await(() -> {
      q.putNoWait(0);
      puts.add(q.put(1, SHORT));
      puts.add(q.put(2));
      return settled(puts.get(0));
    });
    assertTimedOut(puts.get(0), "Queue.put");
    onLoop(() -> {
      assertEquals(0, q.getNoWait());
      assertDone(null, puts.get(1)); // the get moved 2 in
      assertDone(2, q.get());
      assertTrue(q.isEmpty());
    });
  }

  @Test
  void aZeroTimeoutPutIsAnImmediateCheck() {
    Queue<Integer> q = new Queue<>(1);
    assertDone(null, q.put(0, Duration.ZERO));
    assertTimedOut(q.put(1, Duration.ZERO), "Queue.put");
    assertEquals(0, q.putterCount());
    assertEquals(1, q.qsize());
    assertEquals(1, q.unfinishedTasks());
  }

  @Test
  void aGetBeforeThePutTimeoutWins() {
    Queue<Integer> q = new Queue<>(1);
    CompletableFuture<Void> put = await(() -> {
      q.putNoWait(0);
      CompletableFuture<Void> p = q.put(1, SHORT);
      q.get();
      return sleep(Duration.ofMillis(20)).thenApply(v -> p);
    });
    assertDone(null, put);
    assertEquals(1, q.getNoWait());
  }

  @Test
  void aCancelledPutterNeverPutsItsItem() {
    onLoop(() -> {
      Queue<String> q = new Queue<>(1);
      q.putNoWait("a");
      CompletableFuture<Void> b = q.put("b");
      CompletableFuture<Void> c = q.put("c", Duration.ofSeconds(30));
      assertTrue(b.cancel(false));
      assertEquals(1, q.putterCount());
      assertEquals("a", q.getNoWait());
      assertDone(null, c);
      assertEquals("c", q.getNoWait());
      assertTrue(q.isEmpty());
      assertEquals(2, q.unfinishedTasks(), "b was never counted");
    });
  }

  @Test
  void aTimeoutThatMustWaitNeedsARunningLoop() {
    Queue<Integer> q = new Queue<>(1);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> q.get(SHORT));
    assertTrue(e.getMessage().contains("Queue.get"), e.getMessage());
    q.putNoWait(0);
    assertThrows(IllegalStateException.class, () -> q.put(1, SHORT));
    assertEquals(0, q.getterCount());
    assertEquals(0, q.putterCount());
    assertEquals(1, q.qsize());
  }

  // --------------------------------------------------------------------------- re-entrancy

  @Test
  void aPutterResumesOnlyOnceTheGetHasTakenItsItem() {
    List<Object> seen = new ArrayList<>();
    onLoop(() -> {
      Queue<Integer> q = new Queue<>(1);
      q.putNoWait(0);
      q.put(1).thenRun(() -> {
        seen.add(q.qsize());
        seen.add(q.isFull());
        assertThrows(QueueFullException.class, () -> q.putNoWait(2));
        seen.add("full");
      });
      assertEquals(0, q.getNoWait());
      assertEquals(1, q.getNoWait());
    });
    assertEquals(List.of(1, true, "full"), seen);
  }

  @Test
  void aGetterMayGetAgainInItsDependent() {
    List<Integer> got = new ArrayList<>();
    onLoop(() -> {
      Queue<Integer> q = new Queue<>();
      consume(q, got, 3);
      for (int i = 0; i < 3; i++) {
        q.putNoWait(i);
      }
      assertTrue(q.isEmpty());
      assertEquals(0, q.getterCount());
    });
    assertEquals(List.of(0, 1, 2), got);
  }

  private static void consume(Queue<Integer> q, List<Integer> got, int left) {
    if (left > 0) {
      q.get().thenAccept(item -> {
        got.add(item);
        consume(q, got, left - 1);
      });
    }
  }

  @Test
  void manyConsumersThatProduceDoNotOverflowTheStack() {
    // Each getter puts an item in its dependent, which serves the next getter, and so on.
    int n = 50_000;
    int[] served = new int[1];
    onLoop(() -> {
      Queue<Integer> q = new Queue<>();
      for (int i = 0; i < n; i++) {
        q.get().thenAccept(item -> {
          served[0]++;
          q.putNoWait(item + 1);
        });
      }
      q.putNoWait(0);
      assertEquals(n, q.getNoWait());
    });
    assertEquals(n, served[0]);
  }

  @Test
  void futuresCompleteOnTheLoopThread() {
    Queue<Integer> q = new Queue<>(1);
    List<Boolean> onLoopThread = new ArrayList<>();
    await(() -> {
      CompletableFuture<Void> timedOut = q.get(SHORT).handle((v, e) -> {
        onLoopThread.add(loop.inLoopThread());
        return null;
      });
      CompletableFuture<Void> served = q.get().thenRun(() ->
          onLoopThread.add(loop.inLoopThread()));
      loop.callLater(Duration.ofMillis(20), () -> q.putNoWait(1));
      return CompletableFuture.allOf(timedOut, served);
    });
    assertEquals(List.of(true, true), onLoopThread);
  }

  // ------------------------------------------------------------------- producer and consumer

  @Test
  void producerAndConsumerThroughABoundedQueue() {
    Queue<Integer> q = new Queue<>(3);
    List<Integer> history = new ArrayList<>();
    await(() -> {
      consumeForever(q, history);
      return produce(q, 0, 10).thenCompose(v -> q.join());
    });
    assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), history);
  }

  private void consumeForever(Queue<Integer> q, List<Integer> history) {
    q.get().thenAccept(item -> {
      history.add(item);
      q.taskDone();
      consumeForever(q, history);
    });
  }

  private CompletableFuture<Void> produce(Queue<Integer> q, int next, int end) {
    if (next == end) {
      return CompletableFuture.completedFuture(null);
    }
    return q.put(next).thenCompose(v -> produce(q, next + 1, end));
  }
}
