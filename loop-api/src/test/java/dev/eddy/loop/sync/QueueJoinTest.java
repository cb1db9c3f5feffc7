package dev.eddy.loop.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** taskDone and join, for every kind of queue. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class QueueJoinTest extends LoopTestSupport {

  static Stream<Arguments> queues() {
    return Stream.of(
        Arguments.of("Queue", (Supplier<Queue<Integer>>) Queue::new),
        Arguments.of("PriorityQueue", (Supplier<Queue<Integer>>) PriorityQueue::new),
        Arguments.of("LifoQueue", (Supplier<Queue<Integer>>) LifoQueue::new));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("queues")
  void taskDoneMoreOftenThanPutIsAnError(String name, Supplier<Queue<Integer>> kind) {
    Queue<Integer> q = kind.get();
    IllegalStateException e = assertThrows(IllegalStateException.class, q::taskDone);
    assertEquals("taskDone() called too many times", e.getMessage());
    q.putNoWait(1);
    q.getNoWait();
    q.taskDone();
    assertThrows(IllegalStateException.class, q::taskDone);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("queues")
  void joinWaitsUntilTwoWorkersHaveDoneEveryTask(String name, Supplier<Queue<Integer>> kind) {
    Queue<Integer> q = kind.get();
    int[] sum = new int[1];
    await(() -> {
      for (int i = 0; i < 100; i++) {
        q.putNoWait(i);
      }
      work(q, sum);
      work(q, sum);
      return q.join();
    });
    assertEquals(4950, sum[0]);
    assertEquals(0, q.unfinishedTasks());
  }

  /** Takes an item, counts it, and yields to the loop before taking the next. */
  private void work(Queue<Integer> q, int[] sum) {
    q.get().thenCompose(item -> {
      sum[0] += item;
      q.taskDone();
      return moment();
    }).thenRun(() -> work(q, sum));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("queues")
  void itIsTaskDoneNotGetThatCompletesJoin(String name, Supplier<Queue<Integer>> kind) {
    Queue<Integer> q = kind.get();
    await(() -> {
      q.putNoWait(0);
      CompletableFuture<Void> join = q.join();
      assertFalse(join.isDone());
      return q.get().thenCompose(item -> {
        assertFalse(join.isDone());
        return moment();
      }).thenRun(() -> {
        assertFalse(join.isDone());
        q.taskDone();
        assertDone(null, join);
      });
    });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("queues")
  void joinOnAnEmptyQueueIsDoneAtOnce(String name, Supplier<Queue<Integer>> kind) {
    Queue<Integer> q = kind.get();
    assertDone(null, q.join());
    assertDone(null, q.join());
    assertDone(null, q.join(Duration.ZERO));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("queues")
  void joinTimesOut(String name, Supplier<Queue<Integer>> kind) {
    Queue<Integer> q = kind.get();
    q.put(0);
    assertTimedOut(q.join(Duration.ZERO), name + ".join");
    CompletableFuture<Void> join = await(() -> settled(q.join(SHORT)));
    assertTimedOut(join, name + ".join");
    assertEquals(0, q.getterCount());
    q.getNoWait();
    q.taskDone();
    assertTrue(q.join().isDone());
  }
}
