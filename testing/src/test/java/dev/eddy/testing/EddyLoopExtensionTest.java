package dev.eddy.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.loop.IOLoop;
import dev.eddy.loop.spi.PipeHandles;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.event.Level;

/**
 * What {@link EddyLoopExtension} does to a test, seen from outside: sample classes run through
 * JUnit's test kit, and how they end is checked. The samples run only there ({@link
 * OnlyInTestKit}).
 */
class EddyLoopExtensionTest {

  /** Loops the samples saw, for checks after they ran. */
  static final List<IOLoop> LOOPS = new CopyOnWriteArrayList<>();

  @BeforeEach
  void clear() {
    LOOPS.clear();
  }

  // ------------------------------------------------------------------------------- passing

  @EddyLoopTest
  @ExtendWith(OnlyInTestKit.class)
  static class Injection {
    private final IOLoop fromConstructor;
    private IOLoop fromBeforeEach;

    Injection(IOLoop loop) {
      this.fromConstructor = loop;
    }

    @BeforeEach
    void setUp(IOLoop loop) {
      fromBeforeEach = loop;
    }

    @Test
    void everyParameterSeesTheTestsLoop(IOLoop loop, AsyncTestContext async) {
      assertSame(loop, fromConstructor);
      assertSame(loop, fromBeforeEach);
      assertSame(loop, async.loop());
      assertFalse(loop.isRunning(), "the loop runs only inside await");
      LOOPS.add(loop);
    }

    @Test
    void awaitRunsTheLoopOnTheTestThread(IOLoop loop, AsyncTestContext async) {
      Thread test = Thread.currentThread();
      CompletableFuture<String> fired = new CompletableFuture<>();
      loop.callLater(Duration.ofMillis(5), () -> {
        assertSame(test, Thread.currentThread());
        assertSame(loop, IOLoop.current());
        fired.complete("fired");
      });
      assertEquals("fired", async.await(fired));
      assertEquals(42, async.await(() -> CompletableFuture.completedFuture(42)));
      LOOPS.add(loop);
    }
  }

  @Test
  void eachTestGetsAFreshLoopThatIsClosedAfterIt() {
    TestKit.assertAllPass(Injection.class, 2);
    assertEquals(2, LOOPS.size());
    assertNotSame(LOOPS.get(0), LOOPS.get(1));
    assertTrue(LOOPS.get(0).isClosed() && LOOPS.get(1).isClosed());
  }

  // ------------------------------------------------------------------------------- failing

  @EddyLoopTest
  @ExtendWith(OnlyInTestKit.class)
  static class FailingFuture {
    @Test
    void test(AsyncTestContext async) {
      async.await(() -> CompletableFuture.completedFuture(1)
          .thenApply(v -> {
            assertEquals(2, v, "the value");
            return v;
          }));
    }
  }

  @Test
  void anAssertionFailingInTheFutureFailsTheTest() {
    Throwable t = TestKit.failureOf(FailingFuture.class);
    assertInstanceOf(AssertionError.class, t);
    assertTrue(t.getMessage().startsWith("the value"), t.getMessage());
  }

  @EddyLoopTest
  @ExtendWith(OnlyInTestKit.class)
  static class TimingOut {
    @Test
    @AsyncTimeout(0.2)
    void test(AsyncTestContext async) {
      async.await(new CompletableFuture<Void>());
    }
  }

  @Test
  void aFutureNotDoneInTimeFailsTheTest() {
    Throwable t = TestKit.failureOf(TimingOut.class);
    assertInstanceOf(AssertionError.class, t);
    assertEquals("Async test timed out after 0.2 seconds", t.getMessage());
  }

  @EddyLoopTest
  @AsyncTimeout(0.1)
  @ExtendWith(OnlyInTestKit.class)
  static class TimeoutOnTheClass {
    @Test
    void test(AsyncTestContext async) {
      assertEquals(Duration.ofMillis(100), async.timeout());
      async.await(new CompletableFuture<Void>());
    }
  }

  @Test
  void theClassMaySetTheTimeout() {
    assertEquals("Async test timed out after 0.1 seconds",
        TestKit.failureOf(TimeoutOnTheClass.class).getMessage());
  }

  @EddyLoopTest
  @ExtendWith(OnlyInTestKit.class)
  static class ThrowingCallback {
    @Test
    @AsyncTimeout(60)
    void test(IOLoop loop, AsyncTestContext async) {
      loop.addCallback(() -> {
        throw new IllegalStateException("boom");
      });
      async.await(new CompletableFuture<Void>()); // never done: only the failure ends it
    }
  }

  @Test
  void aThrowingCallbackFailsTheAwaitAtOnce() {
    Throwable t;
    long start = System.nanoTime();
    try (ExpectLog logged = ExpectLog.expect(IOLoop.class.getName(), "Exception in callback",
        true, Level.ERROR)) {
      t = TestKit.failureOf(ThrowingCallback.class);
    }
    assertTrue(System.nanoTime() - start < Duration.ofSeconds(30).toNanos(),
        "ended by the failure, not by the 60 s timeout");
    assertInstanceOf(AssertionError.class, t);
    assertTrue(t.getMessage().startsWith("Uncaught exception in "), t.getMessage());
    assertInstanceOf(IllegalStateException.class, t.getCause());
    assertEquals("boom", t.getCause().getMessage());
  }

  @EddyLoopTest
  @ExtendWith(OnlyInTestKit.class)
  static class ThrowingCallbackWithoutAwait {
    @Test
    void test(IOLoop loop) {
      loop.addCallback(() -> {
        throw new IllegalArgumentException("unseen by the test");
      });
      // The test's own runSync returns: the failure is reported after the test.
      loop.runSync(() -> CompletableFuture.completedFuture(null), Duration.ofSeconds(5));
    }
  }

  @Test
  void aThrowingCallbackTheTestDidNotSeeFailsItAfterwards() {
    Throwable t;
    try (ExpectLog logged = ExpectLog.expect(IOLoop.class, "Exception in callback")) {
      t = TestKit.failureOf(ThrowingCallbackWithoutAwait.class);
    }
    assertInstanceOf(AssertionError.class, t);
    assertEquals("unseen by the test", t.getCause().getMessage());
  }

  @EddyLoopTest
  @ExtendWith(OnlyInTestKit.class)
  static class LeakingHandle {
    static PipeHandles pipe;

    @Test
    void test(IOLoop loop) throws IOException {
      pipe = loop.transport().pipe();
      loop.addHandler(pipe.source(), IOLoop.READ, (h, events) -> { });
      pipe.sink().close();
    }
  }

  @Test
  void aHandleLeftRegisteredFailsTheTestNamingItAndIsClosed() {
    Throwable t = TestKit.failureOf(LeakingHandle.class);
    assertInstanceOf(AssertionError.class, t);
    assertTrue(t.getMessage().startsWith("The test left 1 handle(s) registered with"),
        t.getMessage());
    assertTrue(t.getMessage().contains(LeakingHandle.pipe.source().toString()), t.getMessage());
    assertFalse(LeakingHandle.pipe.source().isOpen(), "closed with the loop");
  }

  @EddyLoopTest
  @ExtendWith(OnlyInTestKit.class)
  static class ClosingItsHandle {
    @Test
    void test(IOLoop loop, AsyncTestContext async) throws IOException {
      PipeHandles pipe = loop.transport().pipe();
      CompletableFuture<Integer> readable = new CompletableFuture<>();
      loop.addHandler(pipe.source(), IOLoop.READ, (h, events) -> readable.complete(events));
      pipe.sink().close(); // end of stream: the source becomes readable
      assertTrue((async.await(readable) & (IOLoop.READ | IOLoop.ERROR)) != 0);
      loop.removeHandler(pipe.source());
      pipe.source().close();
    }
  }

  @Test
  void aTestThatCleansUpPasses() {
    TestKit.assertAllPass(ClosingItsHandle.class, 1);
  }
}
