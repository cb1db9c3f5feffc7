package dev.eddy.loop.tck;

import static dev.eddy.loop.tck.LoopFixture.drain;
import static dev.eddy.loop.tck.LoopFixture.writeByte;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.loop.IOLoop;
import dev.eddy.loop.spi.StreamHandle;
import java.io.IOException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Callbacks: {@link IOLoop#addCallback} from the loop, from a timer and from other threads — the
 * order they run in, where one iteration ends, fairness towards due timers and ready handlers,
 * and the wake-up of a loop blocked in poll.
 */
interface CallbackCases extends LoopFixture {

  @Test
  @Timeout(30)
  default void callbacksRunInTheOrderTheyWereAdded() {
    List<Integer> ran = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      int n = i;
      loop().addCallback(() -> ran.add(n));
    }
    loop().addCallback(loop()::stop);
    runLoop();
    assertEquals(IntStream.range(0, 1000).boxed().collect(Collectors.toList()), ran);
  }

  @Test
  @Timeout(30)
  default void callbackAddedDuringAnIterationRunsInTheNextOne() {
    List<String> ran = new ArrayList<>();
    // Due before the first iteration starts: it runs after that iteration's callbacks, and before
    // anything those callbacks add.
    loop().callLater(Duration.ZERO, () -> ran.add("due timer"));
    loop().addCallback(() -> {
      ran.add("first");
      loop().addCallback(() -> {
        ran.add("added by first");
        loop().stop();
      });
    });
    loop().addCallback(() -> ran.add("second"));
    runLoop();
    assertEquals(List.of("first", "second", "due timer", "added by first"), ran);
  }

  /** What a callback that re-adds itself forever competes with. */
  enum Competitor { DUE_TIMER, READY_HANDLER }

  @ParameterizedTest
  @EnumSource(Competitor.class)
  @Timeout(30)
  default void callbackThatReAddsItselfForeverDoesNotStarve(Competitor competitor)
      throws IOException {
    boolean[] competitorRan = {false};
    boolean[] gaveUp = {false};
    long[] spins = {0};
    long giveUpAt = System.nanoTime() + WAIT.toNanos();
    Runnable spinner = new Runnable() {
      @Override
      public void run() {
        if (competitorRan[0]) {
          return;
        }
        spins[0]++;
        if (System.nanoTime() - giveUpAt > 0) {
          gaveUp[0] = true; // starved: the guard timer would be starved too, so stop here
          loop().stop();
          return;
        }
        loop().addCallback(this);
      }
    };
    Runnable done = () -> {
      competitorRan[0] = true;
      loop().stop();
    };
    if (competitor == Competitor.DUE_TIMER) {
      loop().callLater(Duration.ofMillis(10), done);
    } else {
      StreamHandle[] pipe = streamPair();
      writeByte(pipe[1]);
      loop().addHandler(pipe[0], IOLoop.READ, (h, events) -> {
        drain(pipe[0]);
        done.run();
      });
    }
    loop().addCallback(spinner);
    runLoop();
    assertFalse(gaveUp[0], () -> "the " + competitor + " did not run within " + WAIT
        + " while a callback re-added itself " + spins[0] + " times");
    assertTrue(competitorRan[0]);
    assertTrue(spins[0] > 0, "the re-adding callback ran");
  }

  @Test
  @Timeout(30)
  default void addCallbackFromATimerRunsWithoutWaitingForTheNextDeadline() {
    long[] latency = {-1};
    // The only other deadline is the guard's, WAIT away: a poll that waited for it would show.
    loop().callLater(Duration.ZERO, () -> {
      long added = System.nanoTime();
      loop().addCallback(() -> {
        latency[0] = System.nanoTime() - added;
        loop().stop();
      });
    });
    runLoop();
    assertTrue(latency[0] >= 0 && latency[0] < PROMPT_NANOS,
        () -> "callback ran " + latency[0] / 1_000_000 + " ms after it was added");
  }

  @ParameterizedTest(name = "with a timer a century away: {0}")
  @ValueSource(booleans = {false, true})
  @Timeout(60)
  default void addCallbackFromAnotherThreadWakesALoopBlockedInPoll(boolean distantTimer)
      throws Exception {
    if (distantTimer) {
      // The loop then polls with a huge timeout, which the backend must not overflow.
      loop().callLater(ChronoUnit.CENTURIES.getDuration(), () -> { });
    }
    try (LoopThread running = new LoopThread(this)) {
      for (int round = 0; round < 5; round++) {
        running.awaitBlockedInPoll();
        CountDownLatch ran = new CountDownLatch(1);
        long[] latency = {-1};
        long added = System.nanoTime();
        loop().addCallback(() -> {
          latency[0] = System.nanoTime() - added;
          ran.countDown();
        });
        assertTrue(ran.await(WAIT_MILLIS, TimeUnit.MILLISECONDS),
            "a callback added from another thread did not run within " + WAIT);
        int r = round;
        assertTrue(latency[0] < PROMPT_NANOS, () -> "round " + r + ": the blocked loop ran the "
            + "callback " + latency[0] / 1_000_000 + " ms after it was added");
      }
    }
  }

  @Test
  @Timeout(60)
  default void callbacksAddedConcurrentlyByManyThreadsRunExactlyOnceInEachThreadsOrder()
      throws InterruptedException {
    int producers = 8;
    int each = 20_000;
    int[][] runs = new int[producers][each];
    int[] next = new int[producers];
    int[] outOfOrder = {0};
    int[] remaining = {producers * each};
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int p = 0; p < producers; p++) {
      int producer = p;
      threads.add(new Thread(() -> {
        try {
          if (!go.await(WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
            return;
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
        for (int i = 0; i < each; i++) {
          int n = i;
          loop().addCallback(() -> {
            runs[producer][n]++;
            if (next[producer] != n) {
              outOfOrder[0]++;
            }
            next[producer] = n + 1;
            if (--remaining[0] == 0) {
              loop().stop();
            }
          });
        }
      }, "ioloop-contract-producer-" + p));
    }
    threads.forEach(Thread::start);
    try {
      loop().addCallback(go::countDown); // release the producers once the loop runs
      runLoop();
      // One more iteration: a callback queued twice would run now.
      loop().addCallback(loop()::stop);
      runLoop();
    } finally {
      go.countDown();
      for (Thread t : threads) {
        t.join(WAIT_MILLIS);
      }
    }
    for (Thread t : threads) {
      assertFalse(t.isAlive(), () -> t.getName() + " did not finish");
    }
    for (int p = 0; p < producers; p++) {
      for (int i = 0; i < each; i++) {
        int count = runs[p][i];
        int producer = p;
        int n = i;
        assertEquals(1, count, () -> "callback " + n + " of producer " + producer + " ran "
            + count + " times");
      }
    }
    assertEquals(0, outOfOrder[0], "callbacks of one thread ran out of the order it added them");
  }
}
