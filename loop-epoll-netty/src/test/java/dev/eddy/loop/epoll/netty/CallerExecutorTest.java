package dev.eddy.loop.epoll.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The executor thread is the thread that entered last; queued tasks wait for the next poll. */
@Timeout(30)
class CallerExecutorTest {

  private final AtomicInteger wakeups = new AtomicInteger();
  private final CallerExecutor executor = new CallerExecutor(wakeups::incrementAndGet);

  @Test
  void theLastThreadToEnterIsTheExecutorThread() throws Exception {
    assertFalse(executor.isExecutorThread(Thread.currentThread()), "nobody entered yet");
    executor.enter();
    assertTrue(executor.isExecutorThread(Thread.currentThread()));
    Thread other = new Thread(executor::enter, "other-driver");
    other.start();
    other.join();
    assertFalse(executor.isExecutorThread(Thread.currentThread()));
    assertTrue(executor.isExecutorThread(other));
  }

  @Test
  void anotherThreadIsNotTheExecutorThreadSoNettyWritesItsEventfd() throws Exception {
    executor.enter();
    boolean answer = CompletableFuture.supplyAsync(
        () -> executor.isExecutorThread(Thread.currentThread()),
        r -> new Thread(r, "waker").start()).get(10, TimeUnit.SECONDS);
    assertFalse(answer, "a wake-up from another thread must reach the blocked poll");
  }

  @Test
  void queuedTasksRunWhenThePollerAsksAndEachWakesIt() {
    List<String> ran = new ArrayList<>();
    executor.execute(() -> ran.add("first"));
    executor.execute(() -> ran.add("second"));
    assertEquals(2, wakeups.get());
    assertTrue(ran.isEmpty());
    executor.runQueued();
    assertEquals(List.of("first", "second"), ran);
    executor.runQueued();
    assertEquals(2, ran.size());
  }
}
