package dev.eddy.loop.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.loop.IOLoop;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Executors and futures: {@link IOLoop#runInExecutor}, the default executor and {@link
 * IOLoop#setDefaultExecutor}, {@link IOLoop#addFuture}, and the loop as an {@link
 * java.util.concurrent.Executor} that keeps stages on its thread.
 */
interface ExecutorCases extends LoopFixture {

  @Test
  @Timeout(30)
  default void runInExecutorRunsTasksInParallelOffTheLoopAndCompletesOnIt() {
    // Tornado's test_run_in_executor: two tasks that each wait for the other. They also wait
    // until the loop has attached its stage, so that the thread completing the futures is the
    // thread that runs the stage.
    CountDownLatch first = new CountDownLatch(1);
    CountDownLatch second = new CountDownLatch(1);
    CountDownLatch attached = new CountDownLatch(1);
    Set<Thread> taskThreads = ConcurrentHashMap.newKeySet();
    Thread[] loopThread = {null};
    Thread[] completedOn = {null};
    List<String> results = loop().runSync(() -> {
      loopThread[0] = Thread.currentThread();
      CompletableFuture<String> a = loop().runInExecutor(
          () -> handshake(first, second, attached, "a", taskThreads));
      CompletableFuture<String> b = loop().runInExecutor(
          () -> handshake(second, first, attached, "b", taskThreads));
      CompletableFuture<List<String>> both = a.thenCombine(b, (x, y) -> {
        completedOn[0] = Thread.currentThread();
        return List.of(x, y);
      });
      attached.countDown();
      return both;
    }, WAIT);
    assertEquals(List.of("a", "b"), results);
    assertFalse(taskThreads.contains(loopThread[0]), "a task ran on the loop's thread");
    assertSame(loopThread[0], completedOn[0], "the result was not delivered on the loop thread");
  }

  private static String handshake(CountDownLatch mine, CountDownLatch theirs,
      CountDownLatch attached, String value, Set<Thread> threads) throws InterruptedException {
    threads.add(Thread.currentThread());
    mine.countDown();
    if (!theirs.await(WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
      throw new AssertionError("the two executor tasks did not run in parallel");
    }
    awaitOrFail(attached);
    return value;
  }

  private static void awaitOrFail(CountDownLatch latch) throws InterruptedException {
    if (!latch.await(WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
      throw new AssertionError("not released within " + WAIT);
    }
  }

  @Test
  @Timeout(30)
  default void runInExecutorPassesTheTasksExceptionBackOnTheLoop() {
    IOException boom = new IOException("thrown on purpose by an executor task");
    Throwable[] seen = {null};
    Thread[] loopThread = {null};
    Thread[] handledOn = {null};
    CountDownLatch attached = new CountDownLatch(1);
    loop().runSync(() -> {
      loopThread[0] = Thread.currentThread();
      CompletableFuture<Object> handled = loop().runInExecutor(() -> {
        awaitOrFail(attached); // fail only once the stage below is attached
        throw boom;
      }).handle((v, e) -> {
        seen[0] = e;
        handledOn[0] = Thread.currentThread();
        return null;
      });
      attached.countDown();
      return handled;
    }, WAIT);
    assertSame(boom, unwrap(seen[0]));
    assertSame(loopThread[0], handledOn[0]);
  }

  @Test
  @Timeout(30)
  default void runInExecutorFailsTheFutureWhenTheExecutorRejects() {
    RejectedExecutionException refusal = new RejectedExecutionException("refused on purpose");
    Throwable[] seen = {null};
    loop().runSync(() -> loop().runInExecutor(task -> {
      throw refusal;
    }, () -> 1).handle((v, e) -> {
      seen[0] = e;
      return null;
    }), WAIT);
    assertSame(refusal, unwrap(seen[0]));
  }

  @Test
  @Timeout(60)
  default void defaultExecutorThreadsEndWhenTheLoopCloses() throws InterruptedException {
    Set<Thread> workers = ConcurrentHashMap.newKeySet();
    List<Integer> results = loop().runSync(() -> {
      List<CompletableFuture<Integer>> futures = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        int n = i;
        futures.add(loop().runInExecutor(() -> {
          workers.add(Thread.currentThread());
          return n;
        }));
      }
      return CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0]))
          .thenApply(v -> futures.stream().map(CompletableFuture::join)
              .collect(Collectors.toList()));
    }, WAIT);
    assertEquals(IntStream.range(0, 8).boxed().collect(Collectors.toList()), results);
    assertFalse(workers.isEmpty());
    loop().close(true);
    for (Thread w : workers) {
      w.join(WAIT_MILLIS);
      assertFalse(w.isAlive(), () -> "executor thread " + w + " still runs after close");
    }
  }

  @Test
  @Timeout(30)
  default void setDefaultExecutorIsUsedAndNotShutDownByClose() throws InterruptedException {
    ExecutorService pool = Executors.newSingleThreadExecutor(
        r -> new Thread(r, "ioloop-contract-executor"));
    try {
      AtomicInteger submitted = new AtomicInteger();
      loop().setDefaultExecutor(task -> {
        submitted.incrementAndGet();
        pool.execute(task);
      });
      String ranOn = loop().runSync(
          () -> loop().runInExecutor(() -> Thread.currentThread().getName()), WAIT);
      assertEquals("ioloop-contract-executor", ranOn);
      assertEquals(1, submitted.get());
      loop().close(true);
      assertFalse(pool.isShutdown(), "close shut down an executor the loop was given");
    } finally {
      pool.shutdownNow();
      assertTrue(pool.awaitTermination(WAIT_MILLIS, TimeUnit.MILLISECONDS));
    }
  }

  @Test
  @Timeout(30)
  default void addFutureCallsBackOnTheLoopThreadWhenAnotherThreadCompletes()
      throws InterruptedException {
    CompletableFuture<String> future = new CompletableFuture<>();
    Thread[] completer = {null};
    Thread[] loopThread = {null};
    Thread[] calledOn = {null};
    Object[] got = {null};
    loop().addCallback(guarded(() -> {
      loopThread[0] = Thread.currentThread();
      loop().addFuture(future, done -> {
        calledOn[0] = Thread.currentThread();
        got[0] = done;
        loop().stop();
      });
      completer[0] = new Thread(() -> future.complete("value"), "ioloop-contract-completer");
      completer[0].start();
    }));
    try {
      runLoop();
    } finally {
      if (completer[0] != null) {
        completer[0].join(WAIT_MILLIS);
      }
    }
    assertSame(loopThread[0], calledOn[0]);
    assertSame(future, got[0]);
    assertEquals("value", future.join());
  }

  @ParameterizedTest(name = "failed: {0}")
  @ValueSource(booleans = {false, true})
  @Timeout(30)
  default void addFutureOfADoneFutureCallsBackLaterNotAtOnce(boolean failed) {
    IllegalStateException boom = new IllegalStateException("failed on purpose");
    CompletableFuture<String> done = failed ? CompletableFuture.failedFuture(boom)
        : CompletableFuture.completedFuture("done");
    boolean[] called = {false};
    boolean[] calledSynchronously = {false};
    Object[] got = {null};
    loop().addCallback(() -> {
      loop().addFuture(done, f -> {
        called[0] = true;
        got[0] = f;
        loop().stop();
      });
      calledSynchronously[0] = called[0];
    });
    runLoop();
    assertFalse(calledSynchronously[0], "addFuture called back inside addFuture");
    assertTrue(called[0]);
    assertSame(done, got[0]);
  }

  @Test
  @Timeout(30)
  default void loopIsAnExecutorThatKeepsStagesOnTheLoopThread() throws InterruptedException {
    CompletableFuture<Integer> source = new CompletableFuture<>();
    Thread[] completer = {null};
    Thread[] loopThread = {null};
    Thread[] appliedOn = {null};
    Integer result;
    try {
      result = loop().runSync(() -> {
        loopThread[0] = Thread.currentThread();
        CompletableFuture<Integer> out = source.thenApplyAsync(v -> {
          appliedOn[0] = Thread.currentThread();
          return v + 1;
        }, loop());
        completer[0] = new Thread(() -> source.complete(41), "ioloop-contract-completer");
        completer[0].start();
        return out;
      }, WAIT);
    } finally {
      if (completer[0] != null) {
        completer[0].join(WAIT_MILLIS);
      }
    }
    assertEquals(42, result);
    assertSame(loopThread[0], appliedOn[0]);
  }

  private static Throwable unwrap(Throwable t) {
    while ((t instanceof CompletionException || t instanceof ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}
