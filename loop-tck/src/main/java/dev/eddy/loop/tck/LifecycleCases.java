package dev.eddy.loop.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.loop.IOLoop;
import dev.eddy.loop.spi.StreamHandle;
import java.io.IOException;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Lifecycle: the backend a loop runs on, {@code start}, {@code stop} and {@code close} on a
 * running, stopped or closed loop, {@link IOLoop#current()}, callbacks added around close, and
 * loops created and closed concurrently.
 */
interface LifecycleCases extends LoopFixture {

  @Test
  @Timeout(30)
  default void loopRunsOnTheGivenBackend() {
    assertEquals(backend().name(), loop().pollerName());
    assertNotNull(loop().transport());
    assertFalse(loop().isRunning());
    assertFalse(loop().isClosed());
  }

  @Test
  @Timeout(30)
  default void startOnTheRunningLoopThrows() {
    Throwable[] thrown = {null};
    boolean[] returned = {false};
    loop().addCallback(() -> {
      try {
        loop().start();
        returned[0] = true;
      } catch (Throwable t) {
        thrown[0] = t;
      }
      loop().stop();
    });
    runLoop();
    assertFalse(returned[0], "a nested start() returned");
    assertInstanceOf(IllegalStateException.class, thrown[0]);
    assertEquals("IOLoop is already running", thrown[0].getMessage());
  }

  @Test
  @Timeout(30)
  default void startFromAnotherThreadWhileRunningThrows() throws Exception {
    try (LoopThread running = new LoopThread(this)) {
      IllegalStateException e = assertThrows(IllegalStateException.class, loop()::start);
      assertEquals("IOLoop is already running", e.getMessage());
      assertEquals("still running", running.call(() -> "still running"));
    }
  }

  @Test
  @Timeout(30)
  default void stopBeforeStartMakesTheNextStartReturnAtOnce() {
    boolean[] ran = {false};
    boolean[] guardFired = {false};
    loop().addCallback(() -> ran[0] = true);
    dev.eddy.loop.Timeout guard = loop().callLater(WAIT, () -> {
      guardFired[0] = true;
      loop().stop();
    });
    loop().stop();
    loop().start();
    guard.cancel();
    assertFalse(guardFired[0], "start() after stop() did not return at once");
    assertFalse(ran[0], "start() after stop() ran a callback");
    assertFalse(loop().isRunning());
    loop().addCallback(loop()::stop);
    runLoop();
    assertTrue(ran[0], "the start after that runs normally");
  }

  @Test
  @Timeout(30)
  default void loopIsCurrentOnlyWhileItRuns() {
    assertThrows(IllegalStateException.class, IOLoop::current);
    assertNull(IOLoop.currentOrNull());
    for (int round = 0; round < 3; round++) {
      Object[] seen = new Object[3];
      loop().addCallback(() -> {
        seen[0] = IOLoop.current();
        seen[1] = loop().isRunning();
        seen[2] = loop().inLoopThread();
        loop().stop();
      });
      runLoop();
      assertSame(loop(), seen[0]);
      assertEquals(Boolean.TRUE, seen[1], "isRunning() inside the loop");
      assertEquals(Boolean.TRUE, seen[2], "inLoopThread() inside the loop");
      assertThrows(IllegalStateException.class, IOLoop::current);
      assertNull(IOLoop.currentOrNull());
      assertFalse(loop().isRunning());
      assertFalse(loop().inLoopThread());
    }
  }

  @Test
  @Timeout(30)
  default void closeOnTheRunningLoopThrows() throws Exception {
    Throwable[] thrown = {null};
    loop().addCallback(() -> {
      try {
        loop().close(true);
      } catch (Throwable t) {
        thrown[0] = t;
      }
      loop().stop();
    });
    runLoop();
    assertInstanceOf(IllegalStateException.class, thrown[0]);
    assertFalse(loop().isClosed());
    try (LoopThread running = new LoopThread(this)) {
      assertThrows(IllegalStateException.class, () -> loop().close(false));
      assertFalse(loop().isClosed());
      assertEquals("still running", running.call(() -> "still running"));
    }
  }

  @Test
  @Timeout(30)
  default void closeIsIdempotent() {
    loop().close(true);
    assertTrue(loop().isClosed());
    loop().close(true);
    loop().close(false);
    assertTrue(loop().isClosed());
  }

  @Test
  @Timeout(30)
  default void closedLoopCannotBeStartedOrGivenHandlers() throws IOException {
    StreamHandle[] pipe = streamPair();
    loop().close(true);
    assertThrows(IllegalStateException.class, loop()::start);
    assertThrows(IllegalStateException.class, () -> loop().runSync(() -> null, WAIT));
    assertThrows(IllegalStateException.class,
        () -> loop().addHandler(pipe[0], IOLoop.READ, (h, events) -> { }));
    assertThrows(IllegalStateException.class, () -> loop().runInExecutor(() -> 1));
    assertFalse(loop().isRunning());
  }

  @Test
  @Timeout(30)
  default void addCallbackAfterCloseIsDroppedSilently() throws InterruptedException {
    loop().close(true);
    boolean[] ran = {false};
    loop().addCallback(() -> ran[0] = true);
    loop().execute(() -> ran[0] = true);
    AtomicReference<Throwable> offLoop = new AtomicReference<>();
    Thread other = new Thread(() -> {
      try {
        loop().addCallback(() -> ran[0] = true);
      } catch (Throwable t) {
        offLoop.set(t);
      }
    }, "ioloop-contract-adder");
    other.start();
    other.join(WAIT_MILLIS);
    assertFalse(other.isAlive());
    assertNull(offLoop.get(), "addCallback from another thread threw after close");
    assertFalse(ran[0]);
  }

  @Test
  @Timeout(30)
  default void addCallbackRacingWithCloseOnTheLoopThreadIsDroppedSilently()
      throws InterruptedException {
    // Tornado's test_add_callback_while_closing: another thread closes the loop while this one
    // keeps adding callbacks.
    CountDownLatch closing = new CountDownLatch(1);
    AtomicReference<Throwable> ownerFailure = new AtomicReference<>();
    Thread owner = new Thread(() -> {
      try {
        loop().addCallback(loop()::stop);
        loop().start();
        closing.countDown();
        loop().close(true);
      } catch (Throwable t) {
        ownerFailure.set(t);
        closing.countDown();
      }
    }, "ioloop-contract-closer");
    owner.start();
    try {
      assertTrue(closing.await(WAIT_MILLIS, TimeUnit.MILLISECONDS));
      for (int i = 0; i < 1000; i++) {
        loop().addCallback(() -> { });
      }
    } finally {
      owner.join(WAIT_MILLIS);
    }
    assertFalse(owner.isAlive());
    assertNull(ownerFailure.get());
    assertTrue(loop().isClosed());
  }

  @Test
  @Timeout(30)
  default void loopsCanBeCreatedAndClosedConcurrently() {
    // Tornado's test_init_close_race, on two executor threads at once.
    Callable<Void> createAndClose = () -> {
      for (int i = 0; i < 10; i++) {
        int n = i;
        IOLoop other = IOLoop.create(backend());
        try {
          assertEquals(Integer.valueOf(i),
              other.runSync(() -> CompletableFuture.completedFuture(n), WAIT));
        } finally {
          other.close(true);
        }
      }
      return null;
    };
    loop().runSync(() -> CompletableFuture.allOf(loop().runInExecutor(createAndClose),
        loop().runInExecutor(createAndClose)), WAIT);
  }
}
