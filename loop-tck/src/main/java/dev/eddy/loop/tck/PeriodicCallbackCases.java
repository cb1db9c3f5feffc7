package dev.eddy.loop.tck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.eddy.loop.PeriodicCallback;
import dev.eddy.loop.PeriodicSchedule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link PeriodicCallback} and {@link PeriodicSchedule}: Tornado's schedule arithmetic, argument
 * checks, runs every period until stopped, a failing run keeps the schedule, and an asynchronous
 * run that does not start before the previous one's stage completes.
 */
interface PeriodicCallbackCases extends LoopFixture {

  double[] NO_RANDOMS = {};

  static Stream<Arguments> tornadoPeriodicVectors() {
    // Tornado's TestPeriodicCallbackMath: period 10 s, first deadline computed at 1000 s.
    return Stream.of(
        arguments("basic", 0.0, new double[] {0, 0, 0, 0, 0}, NO_RANDOMS,
            new double[] {1010, 1020, 1030, 1040, 1050}),
        arguments("overrun", 0.0, new double[] {9, 9, 10, 11, 20, 20, 35, 35, 0, 0, 0},
            NO_RANDOMS,
            new double[] {1010, 1020, 1030, 1050, 1070, 1100, 1130, 1170, 1210, 1220, 1230}),
        arguments("clock backwards, small", 0.0, new double[] {-2, -1, -3, -2, 0}, NO_RANDOMS,
            new double[] {1010, 1020, 1030, 1040, 1050}),
        arguments("clock backwards, big", 0.0, new double[] {-100, 0, 0}, NO_RANDOMS,
            new double[] {1010, 1020, 1030}),
        arguments("jitter", 0.5, new double[] {0, 0, 0, 0}, new double[] {0.5, 1, 0, 0.75},
            new double[] {1010, 1022.5, 1030, 1041.25}));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tornadoPeriodicVectors")
  @Timeout(30)
  default void periodicScheduleFollowsTornadosArithmetic(String name, double jitter,
      double[] durations, double[] randoms, double[] expectedSeconds) {
    int[] drawn = {0};
    PeriodicSchedule schedule = new PeriodicSchedule(Duration.ofSeconds(10), jitter, () -> {
      if (drawn[0] >= randoms.length) {
        throw new AssertionError("more random numbers drawn than runs");
      }
      return randoms[drawn[0]++];
    });
    // Tornado's simulate_calls: the run at each deadline takes `duration` (negative: the clock
    // stepped back), and the next deadline is computed when it ends.
    long now = seconds(1000);
    schedule.reset(now);
    long[] calls = new long[durations.length];
    for (int i = 0; i < durations.length; i++) {
      long next = schedule.advance(now);
      assertEquals(next, schedule.next());
      calls[i] = next;
      now = next + seconds(durations[i]);
    }
    long[] expected =
        Arrays.stream(expectedSeconds).mapToLong(PeriodicCallbackCases::seconds).toArray();
    assertArrayEquals(expected, calls, () -> "deadlines in ns: " + Arrays.toString(calls));
    assertEquals(randoms.length, drawn[0], "one random number per run when jittered");
  }

  private static long seconds(double s) {
    return Math.round(s * 1e9);
  }

  @Test
  @Timeout(30)
  default void periodicCallbackRejectsBadArguments() {
    assertThrows(IllegalArgumentException.class,
        () -> new PeriodicCallback(() -> { }, Duration.ZERO));
    assertThrows(IllegalArgumentException.class,
        () -> new PeriodicCallback(() -> { }, Duration.ofMillis(-1)));
    assertThrows(IllegalArgumentException.class,
        () -> new PeriodicCallback(() -> { }, Duration.ofMillis(1), -0.1));
    assertThrows(IllegalArgumentException.class,
        () -> new PeriodicCallback(() -> { }, Duration.ofMillis(1), Double.NaN));
    assertThrows(IllegalArgumentException.class,
        () -> PeriodicCallback.ofAsync(() -> null, Duration.ZERO, 0));
  }

  @Test
  @Timeout(30)
  default void periodicCallbackRunsEveryPeriodUntilStopped() {
    Duration period = Duration.ofMillis(10);
    List<Long> runs = new ArrayList<>();
    long[] startedAt = {0};
    PeriodicCallback[] pc = {null};
    pc[0] = new PeriodicCallback(() -> {
      runs.add(loop().time());
      if (runs.size() == 3) {
        pc[0].stop();
        // Five more periods for a run that was wrongly left scheduled to show up.
        loop().callLater(period.multipliedBy(5), loop()::stop);
      }
    }, period);
    loop().addCallback(guarded(() -> {
      startedAt[0] = loop().time();
      pc[0].start(); // on IOLoop.current()
      assertTrue(pc[0].isRunning());
    }));
    runLoop();
    assertEquals(3, runs.size(), () -> "runs: " + runs);
    assertFalse(pc[0].isRunning());
    for (int k = 0; k < runs.size(); k++) {
      long slot = startedAt[0] + (k + 1) * period.toNanos();
      int n = k;
      assertTrue(runs.get(k) - slot >= 0, () -> "run " + n + " came before its slot");
    }
  }

  /** How a periodic callback fails. */
  enum PeriodicFailure { THROWS, ASYNC_THROWS, ASYNC_FAILED_STAGE }

  @ParameterizedTest
  @EnumSource(PeriodicFailure.class)
  @Timeout(30)
  default void periodicCallbackThatFailsKeepsItsSchedule(PeriodicFailure how) {
    int[] runs = {0};
    PeriodicCallback[] pc = {null};
    Supplier<CompletionStage<Void>> body = () -> {
      if (++runs[0] == 3) {
        pc[0].stop();
        loop().stop();
      }
      IllegalStateException boom = new IllegalStateException("thrown on purpose");
      if (how == PeriodicFailure.ASYNC_FAILED_STAGE) {
        return CompletableFuture.failedFuture(boom);
      }
      throw boom;
    };
    Duration period = Duration.ofMillis(5);
    pc[0] = how == PeriodicFailure.THROWS ? new PeriodicCallback(body::get, period)
        : PeriodicCallback.ofAsync(body, period, 0);
    pc[0].start(loop()); // before the loop runs: allowed
    runLoop();
    assertEquals(3, runs[0]);
  }

  @Test
  @Timeout(30)
  default void asyncPeriodicCallbackDoesNotStartBeforeItsStageCompletes() {
    int[] started = {0};
    int[] finished = {0};
    boolean[] overlapped = {false};
    PeriodicCallback[] pc = {null};
    // Each run takes 25 ms, the period is 10 ms: without waiting for the stage, runs would overlap.
    pc[0] = PeriodicCallback.ofAsync(() -> {
      if (started[0] != finished[0]) {
        overlapped[0] = true;
      }
      started[0]++;
      CompletableFuture<Void> stage = new CompletableFuture<>();
      loop().callLater(Duration.ofMillis(25), () -> {
        finished[0]++;
        stage.complete(null);
        if (finished[0] == 3) {
          pc[0].stop();
          loop().stop();
        }
      });
      return stage;
    }, Duration.ofMillis(10), 0);
    pc[0].start(loop());
    runLoop();
    assertFalse(overlapped[0], "a run started while the previous one's stage was pending");
    assertEquals(3, started[0]);
    assertEquals(3, finished[0]);
  }
}
