package dev.eddy.loop.tck;

import static dev.eddy.loop.tck.LoopFixture.ms;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.loop.IOLoop;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Timers: {@link IOLoop#callAt} and {@link IOLoop#callLater} run in deadline order and never
 * early, first in first out on equal deadlines; a cancelled timer never runs (also when an earlier
 * timer of the same batch cancels it); past, negative and huge delays; and a timer heap that stays
 * small when nearly every timer is cancelled.
 */
interface TimerCases extends LoopFixture {

  /**
   * The most entries a timer heap may hold when nearly every entry is cancelled: the loop rebuilds
   * it when more than 512 entries and more than half of it are cancelled, so it stays near
   * 2 x 513 entries plus the live ones.
   */
  int SMALL_HEAP = 1100;

  @Test
  @Timeout(30)
  default void timersRunInDeadlineOrderAndNeverEarly() {
    List<Integer> atOrder = new ArrayList<>();
    List<Integer> laterOrder = new ArrayList<>();
    List<String> early = new ArrayList<>();
    long base = loop().time() + ms(20);
    for (int offset : new int[] {50, 10, 40, 0, 30, 20}) {
      long deadline = base + ms(offset);
      loop().callAt(deadline, () -> {
        if (loop().time() - deadline < 0) {
          early.add("callAt +" + offset);
        }
        atOrder.add(offset);
      });
    }
    for (int delay : new int[] {30, 10, 20}) {
      long before = loop().time();
      dev.eddy.loop.Timeout t =
          loop().callLater(Duration.ofMillis(delay), () -> laterOrder.add(delay));
      assertTrue(t.deadline() - before >= ms(delay), "callLater's deadline is delay from now");
    }
    loop().callAt(base + ms(70), loop()::stop);
    runLoop();
    assertEquals(List.of(0, 10, 20, 30, 40, 50), atOrder);
    assertEquals(List.of(10, 20, 30), laterOrder);
    assertEquals(List.of(), early, "timers that ran before their deadline");
  }

  @Test
  @Timeout(30)
  default void timersWithEqualDeadlinesRunFirstInFirstOut() {
    long deadline = loop().time() + ms(5);
    List<Integer> ran = new ArrayList<>();
    List<dev.eddy.loop.Timeout> handles = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      int n = i;
      handles.add(loop().callAt(deadline, () -> ran.add(n)));
    }
    for (int i = 0; i < 200; i += 3) {
      handles.get(i).cancel();
    }
    loop().callAt(deadline, loop()::stop);
    runLoop();
    List<Integer> expected = IntStream.range(0, 200).filter(i -> i % 3 != 0).boxed()
        .collect(Collectors.toList());
    assertEquals(expected, ran);
  }

  @ParameterizedTest(name = "removeTimeout: {0}")
  @ValueSource(booleans = {false, true})
  @Timeout(30)
  default void cancelledTimerNeverRuns(boolean viaRemoveTimeout) {
    boolean[] fired = {false, false};
    dev.eddy.loop.Timeout beforeStart =
        loop().callLater(Duration.ofMillis(10), () -> fired[0] = true);
    dev.eddy.loop.Timeout onLoop =
        loop().callLater(Duration.ofMillis(20), () -> fired[1] = true);
    assertTrue(beforeStart.isPending());
    cancel(beforeStart, viaRemoveTimeout);
    assertFalse(beforeStart.isPending());
    loop().addCallback(guarded(() -> {
      assertTrue(onLoop.isPending());
      cancel(onLoop, viaRemoveTimeout);
      assertFalse(onLoop.isPending());
      loop().callLater(Duration.ofMillis(60), loop()::stop);
    }));
    runLoop();
    assertArrayEquals(new boolean[] {false, false}, fired, "a cancelled timer ran");
  }

  private void cancel(dev.eddy.loop.Timeout t, boolean viaRemoveTimeout) {
    if (viaRemoveTimeout) {
      loop().removeTimeout(t);
    } else {
      t.cancel();
    }
  }

  @ParameterizedTest(name = "deadlines {0} ns apart")
  @ValueSource(longs = {0, 1_000_000})
  @Timeout(30)
  default void timerCancelledByAnEarlierTimerOfTheSameBatchDoesNotRun(long spacing) {
    boolean[] calls = {false, false};
    // Deadlines in the past: all three are due together, in the first iteration.
    long base = loop().time() - TimeUnit.SECONDS.toNanos(1);
    dev.eddy.loop.Timeout[] t2 = new dev.eddy.loop.Timeout[1];
    loop().callAt(base, () -> {
      calls[0] = true;
      loop().removeTimeout(t2[0]);
    });
    t2[0] = loop().callAt(base + spacing, () -> calls[1] = true);
    loop().callAt(base + 2 * spacing, loop()::stop);
    runLoop();
    assertArrayEquals(new boolean[] {true, false}, calls);
    assertFalse(t2[0].isPending());
  }

  @Test
  @Timeout(30)
  default void removingATimeoutThatAlreadyRanIsHarmless() {
    dev.eddy.loop.Timeout t = loop().callLater(Duration.ZERO, loop()::stop);
    runLoop();
    assertFalse(t.isPending());
    loop().removeTimeout(t);
    t.cancel();
    boolean[] ran = {false};
    loop().addCallback(() -> loop().removeTimeout(t)); // and on the running loop
    loop().callLater(Duration.ofMillis(1), () -> {
      ran[0] = true;
      loop().stop();
    });
    runLoop();
    assertTrue(ran[0], "the loop still runs timers");
  }

  @Test
  @Timeout(30)
  default void negativeDelayAndPastDeadlineRunAtOnce() {
    List<String> ran = new ArrayList<>();
    long[] elapsed = {-1, -1};
    long start = loop().time();
    loop().callLater(Duration.ofSeconds(-10), () -> {
      ran.add("-10 s");
      elapsed[0] = loop().time() - start;
    });
    loop().callAt(start - TimeUnit.SECONDS.toNanos(5), () -> {
      ran.add("5 s ago");
      elapsed[1] = loop().time() - start;
    });
    loop().callLater(Duration.ofNanos(1000), () -> ran.add("1 us")); // Tornado's timedelta test
    // Scheduled last, so its deadline is the latest even if this thread stalls in between.
    loop().callLater(Duration.ofMillis(50), () -> {
      ran.add("in 50 ms");
      loop().stop();
    });
    runLoop();
    assertEquals(4, ran.size(), ran::toString);
    assertEquals("in 50 ms", ran.get(3), () -> "the past timers ran after a future one: " + ran);
    assertTrue(elapsed[0] >= 0 && elapsed[0] < PROMPT_NANOS, "negative delay ran soon");
    assertTrue(elapsed[1] >= 0 && elapsed[1] < PROMPT_NANOS, "past deadline ran soon");
  }

  @Test
  @Timeout(30)
  default void hugeDelayIsNeitherDueNorWrappedIntoThePast() {
    boolean[] fired = {false};
    dev.eddy.loop.Timeout forever =
        loop().callLater(Duration.ofSeconds(Long.MAX_VALUE), () -> fired[0] = true);
    dev.eddy.loop.Timeout millennium = loop().callLater(ChronoUnit.MILLENNIA.getDuration(),
        () -> fired[0] = true);
    assertTrue(forever.deadline() - loop().time() > 0, "the deadline wrapped into the past");
    assertTrue(millennium.deadline() - loop().time() > 0, "the deadline wrapped into the past");
    loop().callLater(Duration.ofMillis(30), loop()::stop);
    runLoop();
    assertFalse(fired[0]);
    assertTrue(forever.isPending());
    forever.cancel();
    millennium.cancel();
  }

  @Test
  @Timeout(120)
  default void millionCancelledTimersLeaveTheHeapSmallAndTheLoopWorking() {
    int n = 1_000_000;
    int[] sizes = {-1, -1};
    boolean[] cancelledRan = {false};
    List<Integer> liveOrder = new ArrayList<>();
    Runnable never = () -> cancelledRan[0] = true;
    loop().addCallback(guarded(() -> {
      // Scheduled and cancelled one at a time.
      for (int i = 0; i < n; i++) {
        loop().callLater(Duration.ofHours(1), never).cancel();
      }
      sizes[0] = loop().timerHeapSize();
      // All scheduled, then all cancelled but ten, which must still run in deadline order after
      // the heap was rebuilt around them.
      long now = loop().time();
      dev.eddy.loop.Timeout[] all = new dev.eddy.loop.Timeout[n];
      for (int i = 0; i < n; i++) {
        if (i % 100_000 == 0) {
          int slot = (i / 100_000) * 7 % 10; // 0, 7, 4, 1, ...: a permutation of 0..9
          all[i] = loop().callAt(now + ms(5 + slot), () -> liveOrder.add(slot));
        } else {
          all[i] = loop().callAt(now + TimeUnit.HOURS.toNanos(1) + i, never);
        }
      }
      for (int i = 0; i < n; i++) {
        if (i % 100_000 != 0) {
          all[i].cancel();
        }
      }
      sizes[1] = loop().timerHeapSize();
      loop().callAt(now + ms(20), loop()::stop);
    }));
    runLoop();
    assertTrue(sizes[0] >= 0 && sizes[0] <= SMALL_HEAP,
        () -> "timer heap holds " + sizes[0] + " entries after " + n + " timers were scheduled "
            + "and cancelled one by one");
    assertTrue(sizes[1] >= 0 && sizes[1] <= SMALL_HEAP,
        () -> "timer heap holds " + sizes[1] + " entries after " + n + " timers were scheduled "
            + "and then cancelled");
    assertFalse(cancelledRan[0], "a cancelled timer ran");
    assertEquals(IntStream.range(0, 10).boxed().collect(Collectors.toList()), liveOrder);
  }
}
