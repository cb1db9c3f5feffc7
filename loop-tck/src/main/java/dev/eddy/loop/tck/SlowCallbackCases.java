package dev.eddy.loop.tck;

import static dev.eddy.loop.tck.LoopFixture.drain;
import static dev.eddy.loop.tck.LoopFixture.writeByte;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.loop.IOLoop;
import dev.eddy.loop.SlowCallbackListener;
import dev.eddy.loop.spi.StreamHandle;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The slow-callback detector: a callback, timer or handler that holds the loop past the threshold
 * is reported to the {@link SlowCallbackListener} with its stack, from another thread; the
 * watchdog thread exists only while a threshold is set.
 */
interface SlowCallbackCases extends LoopFixture {

  /** What holds the loop too long. */
  enum SlowTask { CALLBACK, TIMER, HANDLER }

  /** One call of the slow-callback listener. */
  final class SlowReport {
    final IOLoop loop;
    final Duration blockedFor;
    final Object task;
    final StackTraceElement[] stack;
    final Thread reportedOn;

    SlowReport(IOLoop loop, Duration blockedFor, Object task, StackTraceElement[] stack) {
      this.loop = loop;
      this.blockedFor = blockedFor;
      this.task = task;
      this.stack = stack;
      this.reportedOn = Thread.currentThread();
    }
  }

  @ParameterizedTest
  @EnumSource(SlowTask.class)
  @Timeout(30)
  default void slowTaskIsReportedWithItsStack(SlowTask kind) throws IOException {
    Duration threshold = Duration.ofMillis(20);
    CountDownLatch reported = new CountDownLatch(1);
    AtomicReference<SlowReport> report = new AtomicReference<>();
    SlowCallbackListener listener = (l, blockedFor, task, stack) -> {
      report.compareAndSet(null, new SlowReport(l, blockedFor, task, stack));
      reported.countDown();
    };
    loop().setSlowCallbackThreshold(threshold);
    loop().setSlowCallbackListener(listener);
    assertEquals(threshold, loop().slowCallbackThreshold());
    boolean[] released = {false};
    Thread[] loopThread = {null};
    Runnable slow = () -> {
      loopThread[0] = Thread.currentThread();
      released[0] = blockUntilReported(reported);
      loop().stop();
    };
    switch (kind) {
      case CALLBACK:
        loop().addCallback(slow);
        break;
      case TIMER:
        loop().callLater(Duration.ZERO, slow);
        break;
      default:
        StreamHandle[] pipe = streamPair();
        writeByte(pipe[1]);
        loop().addHandler(pipe[0], IOLoop.READ, (h, events) -> {
          drain(pipe[0]);
          slow.run();
        });
        break;
    }
    runLoop();
    assertTrue(released[0], "the listener was not called while the task held the loop");
    SlowReport r = report.get();
    assertSame(loop(), r.loop);
    assertTrue(r.blockedFor.compareTo(threshold) >= 0, () -> "reported after " + r.blockedFor);
    assertNotSame(loopThread[0], r.reportedOn, "the listener ran on the blocked loop thread");
    assertTrue(Arrays.stream(r.stack).anyMatch(f -> f.getMethodName().equals("blockUntilReported")
            && f.getClassName().equals(SlowCallbackCases.class.getName())),
        () -> "the reported stack does not show the slow method: " + Arrays.toString(r.stack));
    if (kind != SlowTask.HANDLER) {
      assertSame(slow, r.task, "the report names another task");
    }
  }

  /** The slow part of a slow task: holds the loop until the listener has reported it. */
  private static boolean blockUntilReported(CountDownLatch reported) {
    try {
      return reported.await(WAIT_MILLIS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @ParameterizedTest(name = "threshold {0} ms")
  @ValueSource(longs = {0, 1000})
  @Timeout(30)
  default void watchdogThreadExistsOnlyWhileAThresholdIsSet(long thresholdMillis) {
    assertThrows(IllegalArgumentException.class,
        () -> loop().setSlowCallbackThreshold(Duration.ofMillis(-1)));
    loop().setSlowCallbackThreshold(Duration.ofMillis(thresholdMillis));
    Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());
    List<Thread> startedByStart = new ArrayList<>();
    loop().addCallback(() -> {
      for (Thread t : Thread.getAllStackTraces().keySet()) {
        if (!before.contains(t) && !t.getName().startsWith("junit-")) {
          startedByStart.add(t);
        }
      }
      loop().stop();
    });
    runLoop();
    if (thresholdMillis == 0) {
      assertEquals(List.of(), names(startedByStart), "threads started with the detector off");
    } else {
      assertFalse(startedByStart.isEmpty(), "no watchdog thread while a threshold is set");
    }
    for (Thread t : startedByStart) {
      assertFalse(t.isAlive(), () -> t.getName() + " still runs after start() returned");
    }
  }

  private static List<String> names(List<Thread> threads) {
    return threads.stream().map(Thread::getName).collect(Collectors.toList());
  }
}
