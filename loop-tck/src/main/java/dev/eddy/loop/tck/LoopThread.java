package dev.eddy.loop.tck;

import static dev.eddy.loop.tck.LoopFixture.WAIT;
import static dev.eddy.loop.tck.LoopFixture.WAIT_MILLIS;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import dev.eddy.loop.IOLoop;
import dev.eddy.loop.spi.Poller;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The loop of a {@link LoopFixture} running on a thread of its own, for tests that act on it from
 * another thread (the test's). Closing stops it and waits for the thread to end.
 */
final class LoopThread implements AutoCloseable {
  private final LoopFixture fixture;
  private final IOLoop loop;
  private final Thread thread;
  private final AtomicReference<Throwable> crash = new AtomicReference<>();
  private final Map<String, Boolean> pollerClasses = new HashMap<>();

  LoopThread(LoopFixture fixture) throws InterruptedException {
    this.fixture = fixture;
    this.loop = fixture.loop();
    CountDownLatch running = new CountDownLatch(1);
    loop.addCallback(running::countDown);
    thread = new Thread(() -> {
      try {
        loop.start();
      } catch (Throwable t) {
        crash.set(t);
      }
    }, "ioloop-contract-loop");
    thread.start();
    if (!running.await(WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
      close();
      fail("the loop did not start running within " + WAIT);
    }
  }

  /** Runs {@code task} on the loop and returns its result. */
  <T> T call(Callable<T> task) throws Exception {
    CompletableFuture<T> result = new CompletableFuture<>();
    loop.addCallback(() -> {
      try {
        result.complete(task.call());
      } catch (Throwable t) {
        result.completeExceptionally(t);
      }
    });
    try {
      return result.get(WAIT_MILLIS, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception ? (Exception) e.getCause() : e;
    }
  }

  /**
   * Waits until the loop's thread is inside {@link Poller#poll}: blocked there (or about to be),
   * so that a wake-up is what gets it out. Reads the thread's stack; spins, never sleeps.
   */
  void awaitBlockedInPoll() {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!isInPollerPoll(thread)) {
      if (System.nanoTime() - deadline > 0) {
        fail("the loop thread did not enter Poller.poll within " + WAIT + "; it is at "
            + Arrays.toString(thread.getStackTrace()));
      }
      Thread.yield();
    }
  }

  @Override
  public void close() {
    loop.stop();
    try {
      thread.join(WAIT_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for the loop thread to end", e);
    }
    assertFalse(thread.isAlive(), "the loop thread did not end after stop()");
    Throwable t = crash.get();
    if (t != null) {
      throw new AssertionError("start() failed on the loop thread", t);
    }
    fixture.rethrowLoopFailures();
  }

  /** True if {@code thread} is inside the {@code poll} method of a {@link Poller}. */
  private boolean isInPollerPoll(Thread thread) {
    for (StackTraceElement frame : thread.getStackTrace()) {
      if (frame.getMethodName().equals("poll") && isPollerClass(frame.getClassName())) {
        return true;
      }
    }
    return false;
  }

  private boolean isPollerClass(String className) {
    return pollerClasses.computeIfAbsent(className, name -> {
      try {
        Class<?> c = Class.forName(name, false, fixture.backend().getClass().getClassLoader());
        return Poller.class.isAssignableFrom(c);
      } catch (ClassNotFoundException | LinkageError notOurs) {
        return false;
      }
    });
  }
}
