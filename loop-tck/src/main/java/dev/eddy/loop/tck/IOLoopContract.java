package dev.eddy.loop.tck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.eddy.loop.IOHandler;
import dev.eddy.loop.IOLoop;
import dev.eddy.loop.LoopStoppedException;
import dev.eddy.loop.LoopTimeoutException;
import dev.eddy.loop.PeriodicCallback;
import dev.eddy.loop.PeriodicSchedule;
import dev.eddy.loop.SlowCallbackListener;
import dev.eddy.loop.spi.AlreadyRegisteredException;
import dev.eddy.loop.spi.NotRegisteredException;
import dev.eddy.loop.spi.PipeHandles;
import dev.eddy.loop.spi.PollHandle;
import dev.eddy.loop.spi.Poller;
import dev.eddy.loop.spi.PollerProvider;
import dev.eddy.loop.spi.SocketHandle;
import dev.eddy.loop.spi.StreamHandle;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The behaviour of {@link IOLoop} on one backend, through the public API only: the behaviours of
 * Tornado's {@code tornado/test/ioloop_test.py} (callbacks, timers, handlers, {@code run_sync},
 * {@code PeriodicCallback} and its arithmetic, futures and executors), plus Eddy's own rules
 * (loop affinity, the slow-callback detector, registration errors). A backend — or a user's
 * plugin — runs it by subclassing:
 *
 * <pre>{@code
 * class MyIOLoopContractTest extends IOLoopContract {
 *   @Override protected PollerProvider provider() { return new MyPollerProvider(); }
 * }
 * }</pre>
 *
 * <p>Each test gets a fresh loop from {@link IOLoop#create(PollerProvider)} and closes it with
 * {@code close(true)} afterwards, also when it fails; {@link ResourceLeakCheck} then fails a test
 * that left a descriptor open or a thread running. No test waits by sleeping: waits are latches,
 * futures and loop timers, each bounded by {@link #WAIT}, and a loop run on the test's thread is
 * stopped by a guard timer if nothing else stops it. What a callback on the loop's thread asserts
 * is collected and rethrown on the test's thread (the loop itself would only log it).
 *
 * <p>Logging is not checked: that a failing callback is logged with its stack depends on the
 * SLF4J binding on the class path, which this suite cannot inspect portably. It checks that the
 * loop goes on.
 */
@ExtendWith(ResourceLeakCheck.class)
public abstract class IOLoopContract {

  /** The longest any one wait may take before the test fails; never a delay a test relies on. */
  static final Duration WAIT = Duration.ofSeconds(10);
  private static final long WAIT_MILLIS = WAIT.toMillis();
  /** The bound on a cross-thread wake-up: generous, since a missed one takes {@link #WAIT}. */
  private static final long PROMPT_NANOS = TimeUnit.SECONDS.toNanos(2);
  /**
   * The most entries a timer heap may hold when nearly every entry is cancelled: the loop rebuilds
   * it when more than 512 entries and more than half of it are cancelled, so it stays near
   * 2 x 513 entries plus the live ones.
   */
  private static final int SMALL_HEAP = 1100;

  /** The backend under test. Called once per test. */
  protected abstract PollerProvider provider();

  private PollerProvider provider;
  private IOLoop loop;
  private Connections net;
  private final List<Throwable> loopFailures = Collections.synchronizedList(new ArrayList<>());
  private final Map<String, Boolean> pollerClasses = new HashMap<>();

  @BeforeEach
  void createLoop() {
    provider = provider();
    assumeTrue(provider.isAvailable(), () -> "backend " + provider.name()
        + " is not available here: " + provider.unavailabilityCause());
    net = new Connections(provider);
    loop = IOLoop.create(provider);
  }

  @AfterEach
  void closeLoop() throws Exception {
    try {
      if (loop != null) {
        loop.close(true);
      }
    } finally {
      if (net != null) {
        net.close();
      }
    }
    rethrowLoopFailures();
  }

  // ------------------------------------------------------------------------------- callbacks

  @Test
  @Timeout(30)
  void callbacksRunInTheOrderTheyWereAdded() {
    List<Integer> ran = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      int n = i;
      loop.addCallback(() -> ran.add(n));
    }
    loop.addCallback(loop::stop);
    runLoop();
    assertEquals(IntStream.range(0, 1000).boxed().collect(Collectors.toList()), ran);
  }

  @Test
  @Timeout(30)
  void callbackAddedDuringAnIterationRunsInTheNextOne() {
    List<String> ran = new ArrayList<>();
    // Due before the first iteration starts: it runs after that iteration's callbacks, and before
    // anything those callbacks add.
    loop.callLater(Duration.ZERO, () -> ran.add("due timer"));
    loop.addCallback(() -> {
      ran.add("first");
      loop.addCallback(() -> {
        ran.add("added by first");
        loop.stop();
      });
    });
    loop.addCallback(() -> ran.add("second"));
    runLoop();
    assertEquals(List.of("first", "second", "due timer", "added by first"), ran);
  }

  /** What a callback that re-adds itself forever competes with. */
  enum Competitor { DUE_TIMER, READY_HANDLER }

  @ParameterizedTest
  @EnumSource(Competitor.class)
  @Timeout(30)
  void callbackThatReAddsItselfForeverDoesNotStarve(Competitor competitor) throws IOException {
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
          loop.stop();
          return;
        }
        loop.addCallback(this);
      }
    };
    Runnable done = () -> {
      competitorRan[0] = true;
      loop.stop();
    };
    if (competitor == Competitor.DUE_TIMER) {
      loop.callLater(Duration.ofMillis(10), done);
    } else {
      StreamHandle[] pipe = streamPair();
      writeByte(pipe[1]);
      loop.addHandler(pipe[0], IOLoop.READ, (h, events) -> {
        drain(pipe[0]);
        done.run();
      });
    }
    loop.addCallback(spinner);
    runLoop();
    assertFalse(gaveUp[0], () -> "the " + competitor + " did not run within " + WAIT
        + " while a callback re-added itself " + spins[0] + " times");
    assertTrue(competitorRan[0]);
    assertTrue(spins[0] > 0, "the re-adding callback ran");
  }

  @Test
  @Timeout(30)
  void addCallbackFromATimerRunsWithoutWaitingForTheNextDeadline() {
    long[] latency = {-1};
    // The only other deadline is the guard's, WAIT away: a poll that waited for it would show.
    loop.callLater(Duration.ZERO, () -> {
      long added = System.nanoTime();
      loop.addCallback(() -> {
        latency[0] = System.nanoTime() - added;
        loop.stop();
      });
    });
    runLoop();
    assertTrue(latency[0] >= 0 && latency[0] < PROMPT_NANOS,
        () -> "callback ran " + latency[0] / 1_000_000 + " ms after it was added");
  }

  @ParameterizedTest(name = "with a timer a century away: {0}")
  @ValueSource(booleans = {false, true})
  @Timeout(60)
  void addCallbackFromAnotherThreadWakesALoopBlockedInPoll(boolean distantTimer)
      throws Exception {
    if (distantTimer) {
      // The loop then polls with a huge timeout, which the backend must not overflow.
      loop.callLater(ChronoUnit.CENTURIES.getDuration(), () -> { });
    }
    try (LoopThread running = new LoopThread()) {
      for (int round = 0; round < 5; round++) {
        running.awaitBlockedInPoll();
        CountDownLatch ran = new CountDownLatch(1);
        long[] latency = {-1};
        long added = System.nanoTime();
        loop.addCallback(() -> {
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
  void callbacksAddedConcurrentlyByManyThreadsRunExactlyOnceInEachThreadsOrder()
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
          loop.addCallback(() -> {
            runs[producer][n]++;
            if (next[producer] != n) {
              outOfOrder[0]++;
            }
            next[producer] = n + 1;
            if (--remaining[0] == 0) {
              loop.stop();
            }
          });
        }
      }, "ioloop-contract-producer-" + p));
    }
    threads.forEach(Thread::start);
    try {
      loop.addCallback(go::countDown); // release the producers once the loop runs
      runLoop();
      // One more iteration: a callback queued twice would run now.
      loop.addCallback(loop::stop);
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

  // ---------------------------------------------------------------------------------- timers

  @Test
  @Timeout(30)
  void timersRunInDeadlineOrderAndNeverEarly() {
    List<Integer> atOrder = new ArrayList<>();
    List<Integer> laterOrder = new ArrayList<>();
    List<String> early = new ArrayList<>();
    long base = loop.time() + ms(20);
    for (int offset : new int[] {50, 10, 40, 0, 30, 20}) {
      long deadline = base + ms(offset);
      loop.callAt(deadline, () -> {
        if (loop.time() - deadline < 0) {
          early.add("callAt +" + offset);
        }
        atOrder.add(offset);
      });
    }
    for (int delay : new int[] {30, 10, 20}) {
      long before = loop.time();
      dev.eddy.loop.Timeout t =
          loop.callLater(Duration.ofMillis(delay), () -> laterOrder.add(delay));
      assertTrue(t.deadline() - before >= ms(delay), "callLater's deadline is delay from now");
    }
    loop.callAt(base + ms(70), loop::stop);
    runLoop();
    assertEquals(List.of(0, 10, 20, 30, 40, 50), atOrder);
    assertEquals(List.of(10, 20, 30), laterOrder);
    assertEquals(List.of(), early, "timers that ran before their deadline");
  }

  @Test
  @Timeout(30)
  void timersWithEqualDeadlinesRunFirstInFirstOut() {
    long deadline = loop.time() + ms(5);
    List<Integer> ran = new ArrayList<>();
    List<dev.eddy.loop.Timeout> handles = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      int n = i;
      handles.add(loop.callAt(deadline, () -> ran.add(n)));
    }
    for (int i = 0; i < 200; i += 3) {
      handles.get(i).cancel();
    }
    loop.callAt(deadline, loop::stop);
    runLoop();
    List<Integer> expected = IntStream.range(0, 200).filter(i -> i % 3 != 0).boxed()
        .collect(Collectors.toList());
    assertEquals(expected, ran);
  }

  @ParameterizedTest(name = "removeTimeout: {0}")
  @ValueSource(booleans = {false, true})
  @Timeout(30)
  void cancelledTimerNeverRuns(boolean viaRemoveTimeout) {
    boolean[] fired = {false, false};
    dev.eddy.loop.Timeout beforeStart =
        loop.callLater(Duration.ofMillis(10), () -> fired[0] = true);
    dev.eddy.loop.Timeout onLoop =
        loop.callLater(Duration.ofMillis(20), () -> fired[1] = true);
    assertTrue(beforeStart.isPending());
    cancel(beforeStart, viaRemoveTimeout);
    assertFalse(beforeStart.isPending());
    loop.addCallback(guarded(() -> {
      assertTrue(onLoop.isPending());
      cancel(onLoop, viaRemoveTimeout);
      assertFalse(onLoop.isPending());
      loop.callLater(Duration.ofMillis(60), loop::stop);
    }));
    runLoop();
    assertArrayEquals(new boolean[] {false, false}, fired, "a cancelled timer ran");
  }

  private void cancel(dev.eddy.loop.Timeout t, boolean viaRemoveTimeout) {
    if (viaRemoveTimeout) {
      loop.removeTimeout(t);
    } else {
      t.cancel();
    }
  }

  @ParameterizedTest(name = "deadlines {0} ns apart")
  @ValueSource(longs = {0, 1_000_000})
  @Timeout(30)
  void timerCancelledByAnEarlierTimerOfTheSameBatchDoesNotRun(long spacing) {
    boolean[] calls = {false, false};
    // Deadlines in the past: all three are due together, in the first iteration.
    long base = loop.time() - TimeUnit.SECONDS.toNanos(1);
    dev.eddy.loop.Timeout[] t2 = new dev.eddy.loop.Timeout[1];
    loop.callAt(base, () -> {
      calls[0] = true;
      loop.removeTimeout(t2[0]);
    });
    t2[0] = loop.callAt(base + spacing, () -> calls[1] = true);
    loop.callAt(base + 2 * spacing, loop::stop);
    runLoop();
    assertArrayEquals(new boolean[] {true, false}, calls);
    assertFalse(t2[0].isPending());
  }

  @Test
  @Timeout(30)
  void removingATimeoutThatAlreadyRanIsHarmless() {
    dev.eddy.loop.Timeout t = loop.callLater(Duration.ZERO, loop::stop);
    runLoop();
    assertFalse(t.isPending());
    loop.removeTimeout(t);
    t.cancel();
    boolean[] ran = {false};
    loop.addCallback(() -> loop.removeTimeout(t)); // and on the running loop
    loop.callLater(Duration.ofMillis(1), () -> {
      ran[0] = true;
      loop.stop();
    });
    runLoop();
    assertTrue(ran[0], "the loop still runs timers");
  }

  @Test
  @Timeout(30)
  void negativeDelayAndPastDeadlineRunAtOnce() {
    List<String> ran = new ArrayList<>();
    long[] elapsed = {-1, -1};
    long start = loop.time();
    loop.callLater(Duration.ofSeconds(-10), () -> {
      ran.add("-10 s");
      elapsed[0] = loop.time() - start;
    });
    loop.callAt(start - TimeUnit.SECONDS.toNanos(5), () -> {
      ran.add("5 s ago");
      elapsed[1] = loop.time() - start;
    });
    loop.callLater(Duration.ofNanos(1000), () -> ran.add("1 us")); // Tornado's timedelta test
    // Scheduled last, so its deadline is the latest even if this thread stalls in between.
    loop.callLater(Duration.ofMillis(50), () -> {
      ran.add("in 50 ms");
      loop.stop();
    });
    runLoop();
    assertEquals(4, ran.size(), ran::toString);
    assertEquals("in 50 ms", ran.get(3), () -> "the past timers ran after a future one: " + ran);
    assertTrue(elapsed[0] >= 0 && elapsed[0] < PROMPT_NANOS, "negative delay ran soon");
    assertTrue(elapsed[1] >= 0 && elapsed[1] < PROMPT_NANOS, "past deadline ran soon");
  }

  @Test
  @Timeout(30)
  void hugeDelayIsNeitherDueNorWrappedIntoThePast() {
    boolean[] fired = {false};
    dev.eddy.loop.Timeout forever =
        loop.callLater(Duration.ofSeconds(Long.MAX_VALUE), () -> fired[0] = true);
    dev.eddy.loop.Timeout millennium = loop.callLater(ChronoUnit.MILLENNIA.getDuration(),
        () -> fired[0] = true);
    assertTrue(forever.deadline() - loop.time() > 0, "the deadline wrapped into the past");
    assertTrue(millennium.deadline() - loop.time() > 0, "the deadline wrapped into the past");
    loop.callLater(Duration.ofMillis(30), loop::stop);
    runLoop();
    assertFalse(fired[0]);
    assertTrue(forever.isPending());
    forever.cancel();
    millennium.cancel();
  }

  @Test
  @Timeout(120)
  void millionCancelledTimersLeaveTheHeapSmallAndTheLoopWorking() {
    int n = 1_000_000;
    int[] sizes = {-1, -1};
    boolean[] cancelledRan = {false};
    List<Integer> liveOrder = new ArrayList<>();
    Runnable never = () -> cancelledRan[0] = true;
    loop.addCallback(guarded(() -> {
      // Scheduled and cancelled one at a time.
      for (int i = 0; i < n; i++) {
        loop.callLater(Duration.ofHours(1), never).cancel();
      }
      sizes[0] = loop.timerHeapSize();
      // All scheduled, then all cancelled but ten, which must still run in deadline order after
      // the heap was rebuilt around them.
      long now = loop.time();
      dev.eddy.loop.Timeout[] all = new dev.eddy.loop.Timeout[n];
      for (int i = 0; i < n; i++) {
        if (i % 100_000 == 0) {
          int slot = (i / 100_000) * 7 % 10; // 0, 7, 4, 1, ...: a permutation of 0..9
          all[i] = loop.callAt(now + ms(5 + slot), () -> liveOrder.add(slot));
        } else {
          all[i] = loop.callAt(now + TimeUnit.HOURS.toNanos(1) + i, never);
        }
      }
      for (int i = 0; i < n; i++) {
        if (i % 100_000 != 0) {
          all[i].cancel();
        }
      }
      sizes[1] = loop.timerHeapSize();
      loop.callAt(now + ms(20), loop::stop);
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

  // --------------------------------------------------------------------------------- failures

  static Stream<Arguments> failures() {
    return Stream.of(
        arguments(Named.<Supplier<Throwable>>of("RuntimeException",
            () -> new IllegalStateException("thrown on purpose by IOLoopContract"))),
        arguments(Named.<Supplier<Throwable>>of("Error",
            () -> new ContractTestError("thrown on purpose by IOLoopContract"))),
        arguments(Named.<Supplier<Throwable>>of("checked exception",
            () -> new IOException("thrown on purpose by IOLoopContract"))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("failures")
  @Timeout(30)
  void loopSurvivesAThrowingCallbackTimerAndHandler(Supplier<Throwable> failure)
      throws IOException {
    List<String> ran = new ArrayList<>();
    StreamHandle[] pipe = streamPair();
    writeByte(pipe[1]);
    int[] handlerCalls = {0};
    loop.addCallback(() -> {
      ran.add("callback");
      throw sneakyThrow(failure.get());
    });
    loop.addCallback(() -> ran.add("callback after"));
    loop.callLater(Duration.ZERO, () -> {
      ran.add("timer");
      throw sneakyThrow(failure.get());
    });
    loop.callLater(Duration.ZERO, () -> ran.add("timer after"));
    loop.addHandler(pipe[0], IOLoop.READ, (h, events) -> {
      if (++handlerCalls[0] == 1) {
        ran.add("handler"); // throws without reading: still readable, so called again
        throw sneakyThrow(failure.get());
      }
      ran.add("handler again");
      drain(pipe[0]);
      loop.stop();
    });
    runLoop();
    assertEquals(List.of("callback", "callback after", "timer", "timer after", "handler",
        "handler again"), ran);
    assertEquals(2, handlerCalls[0]);
    assertThrows(AlreadyRegisteredException.class,
        () -> loop.addHandler(pipe[0], IOLoop.READ, (h, e) -> { }),
        "the handler that threw is still registered");
  }

  // -------------------------------------------------------------------------------- handlers

  /** How a test gets a readable stream and its writer. */
  enum PairKind { PIPES, SOCKETS }

  @ParameterizedTest
  @EnumSource(PairKind.class)
  @Timeout(30)
  void handlerRemovedByAnotherHandlerOfTheSameBatchIsNotCalled(PairKind kind)
      throws IOException {
    StreamHandle[] a = streams(kind);
    StreamHandle[] b = streams(kind);
    writeByte(a[1]);
    writeByte(b[1]); // both readable before the first poll: one batch reports both
    List<String> ran = new ArrayList<>();
    loop.addHandler(a[0], IOLoop.READ, guardedHandler((h, events) -> {
      ran.add("a");
      drain(a[0]);
      loop.removeHandler(b[0]);
      loop.addCallback(loop::stop);
    }));
    loop.addHandler(b[0], IOLoop.READ, guardedHandler((h, events) -> {
      ran.add("b");
      drain(b[0]);
      loop.removeHandler(a[0]);
      loop.addCallback(loop::stop);
    }));
    runLoop();
    assertEquals(1, ran.size(), () -> "handlers called: " + ran);
  }

  @ParameterizedTest
  @EnumSource(PairKind.class)
  @Timeout(30)
  void handlerReplacedDuringTheBatchDoesNotGetTheStaleEvent(PairKind kind) throws IOException {
    StreamHandle[][] pairs = {streams(kind), streams(kind)};
    String[] names = {"a", "b"};
    writeByte(pairs[0][1]);
    writeByte(pairs[1][1]);
    List<String> ran = new ArrayList<>();
    int[] originalCalls = {0, 0};
    boolean[] batchOver = {false};
    boolean[] staleDelivered = {false};
    for (int i = 0; i < 2; i++) {
      int me = i;
      int other = 1 - i;
      StreamHandle mine = pairs[me][0];
      StreamHandle theirs = pairs[other][0];
      loop.addHandler(mine, IOLoop.READ, guardedHandler((h, events) -> {
        originalCalls[me]++;
        if (!ran.isEmpty()) {
          return; // only the first handler called acts
        }
        drain(mine);
        ran.add(names[me]);
        loop.removeHandler(theirs);
        loop.addHandler(theirs, IOLoop.READ, guardedHandler((h2, events2) -> {
          if (!batchOver[0]) {
            staleDelivered[0] = true;
          }
          ran.add(names[other] + " replaced");
          drain(theirs);
          loop.stop();
        }));
        // Callbacks run before the next poll: this marks the end of the current batch.
        loop.addCallback(() -> batchOver[0] = true);
      }));
    }
    runLoop();
    assertFalse(staleDelivered[0],
        "the replacement handler got the event polled for the old registration");
    assertEquals(2, ran.size(), ran::toString);
    int first = ran.get(0).equals("a") ? 0 : 1;
    assertEquals(names[1 - first] + " replaced", ran.get(1));
    assertEquals(0, originalCalls[1 - first], "the replaced handler was called");
  }

  @Test
  @Timeout(30)
  void addingAHandleTwiceThrowsAndKeepsTheFirstHandler() throws IOException {
    StreamHandle[] pipe = streamPair();
    List<String> calls = new ArrayList<>();
    loop.addHandler(pipe[0], IOLoop.READ, (h, events) -> {
      calls.add("first");
      drain(pipe[0]);
      loop.stop();
    });
    AlreadyRegisteredException e = assertThrows(AlreadyRegisteredException.class,
        () -> loop.addHandler(pipe[0], IOLoop.READ, (h, events) -> calls.add("second")));
    assertTrue(e.getMessage().startsWith("already registered"), e::getMessage);
    writeByte(pipe[1]);
    runLoop();
    assertEquals(List.of("first"), calls);
  }

  @Test
  @Timeout(30)
  void updatingAHandleWithoutHandlerThrows() throws IOException {
    StreamHandle[] pipe = streamPair();
    NotRegisteredException e = assertThrows(NotRegisteredException.class,
        () -> loop.updateHandler(pipe[0], IOLoop.READ));
    assertTrue(e.getMessage().startsWith("not registered"), e::getMessage);
    loop.addHandler(pipe[0], IOLoop.READ, (h, events) -> { });
    loop.removeHandler(pipe[0]);
    assertThrows(NotRegisteredException.class, () -> loop.updateHandler(pipe[0], IOLoop.READ));
  }

  @Test
  @Timeout(30)
  void removingAHandleWithoutHandlerDoesNothing() throws IOException {
    StreamHandle[] pipe = streamPair();
    loop.removeHandler(pipe[0]);
    loop.addHandler(pipe[0], IOLoop.READ, (h, events) -> { });
    loop.removeHandler(pipe[0]);
    loop.removeHandler(pipe[0]);
    boolean[] called = {false};
    loop.addHandler(pipe[0], IOLoop.READ, (h, events) -> {
      called[0] = true;
      drain(pipe[0]);
      loop.stop();
    });
    writeByte(pipe[1]);
    runLoop();
    assertTrue(called[0], "a handle can be added again after it was removed");
  }

  @Test
  @Timeout(30)
  void eventsOtherThanReadWriteAndErrorAreRejected() throws IOException {
    StreamHandle[] pipe = streamPair();
    assertThrows(IllegalArgumentException.class,
        () -> loop.addHandler(pipe[0], 0x2, (h, events) -> { }));
    assertThrows(IllegalArgumentException.class,
        () -> loop.addHandler(pipe[0], 0x100, (h, events) -> { }));
    // A rejected registration left nothing behind; ERROR bits are accepted (and implied).
    loop.addHandler(pipe[0], IOLoop.READ | IOLoop.ERROR, (h, events) -> { });
    assertThrows(IllegalArgumentException.class, () -> loop.updateHandler(pipe[0], 0x2));
    loop.updateHandler(pipe[0], IOLoop.ERROR);
  }

  @Test
  @Timeout(30)
  void handlerGetsItsOwnHandleAndOnlyTheEventsAskedFor() throws IOException {
    // Tornado's test_read_while_writeable: a socket is writable all along, but asked for READ
    // only it reports READ only.
    SocketHandle[] pair = net.pair();
    SocketHandle client = pair[0];
    SocketHandle server = pair[1];
    List<PollHandle> handles = new ArrayList<>();
    int[] seen = {0};
    loop.addHandler(client, IOLoop.READ, guardedHandler((h, events) -> {
      handles.add(h);
      seen[0] |= events;
      if (drain(client) > 0) {
        loop.stop();
      }
    }));
    loop.callLater(Duration.ofMillis(10), guarded(() -> writeByte(server)));
    runLoop();
    assertFalse(handles.isEmpty());
    for (PollHandle h : handles) {
      assertSame(client, h, "the handler was given another handle than the registered one");
    }
    assertEquals(IOLoop.READ, seen[0], () -> "events reported: 0x" + Integer.toHexString(seen[0]));
  }

  @Test
  @Timeout(30)
  void updateHandlerChangesTheEventsReported() throws IOException {
    SocketHandle client = net.pair()[0];
    boolean[] updated = {false};
    int[] before = {0};
    int[] after = {0};
    loop.addHandler(client, IOLoop.READ, guardedHandler((h, events) -> {
      if (!updated[0]) {
        before[0] |= events;
        return;
      }
      after[0] |= events;
      if ((events & IOLoop.WRITE) != 0) {
        loop.updateHandler(client, IOLoop.READ);
        loop.stop();
      }
    }));
    loop.callLater(Duration.ofMillis(20), guarded(() -> {
      updated[0] = true;
      loop.updateHandler(client, IOLoop.READ | IOLoop.WRITE);
    }));
    runLoop();
    assertEquals(0, before[0] & IOLoop.WRITE, "WRITE reported before it was asked for");
    assertTrue((after[0] & IOLoop.WRITE) != 0, "WRITE not reported after it was asked for");
  }

  @ParameterizedTest(name = "closeHandles: {0}")
  @ValueSource(booleans = {true, false})
  @Timeout(30)
  void closeClosesTheRegisteredHandlesOnlyWhenAsked(boolean closeHandles) throws IOException {
    StreamHandle[] registered = streamPair();
    StreamHandle[] removed = streamPair();
    loop.runSync(() -> {
      loop.addHandler(registered[0], IOLoop.READ, (h, events) -> { });
      loop.addHandler(removed[0], IOLoop.READ, (h, events) -> { });
      loop.removeHandler(removed[0]);
      return null;
    }, WAIT);
    loop.close(closeHandles);
    assertEquals(!closeHandles, registered[0].isOpen());
    assertTrue(removed[0].isOpen(), "close closed a handle that had no handler");
    assertTrue(registered[1].isOpen(), "close closed a handle that was never registered");
  }

  // --------------------------------------------------------------------------------- runSync

  /** How the future of a runSync function comes to its outcome. */
  enum Outcome { AT_ONCE, FROM_A_TIMER, FROM_ANOTHER_THREAD }

  @ParameterizedTest
  @EnumSource(Outcome.class)
  @Timeout(30)
  void runSyncReturnsTheResult(Outcome outcome) throws InterruptedException {
    List<Thread> completers = new ArrayList<>();
    try {
      assertEquals("result", loop.runSync(() -> settle(outcome, completers, "result", null),
          WAIT));
      assertNull(loop.runSync(() -> settle(outcome, completers, null, null), WAIT));
    } finally {
      joinAll(completers);
    }
  }

  @Test
  @Timeout(30)
  void runSyncAcceptsAFunctionReturningNullAndRunsItOnTheLoop() {
    IOLoop[] current = {null};
    assertNull(loop.runSync(() -> {
      current[0] = IOLoop.current();
      return null;
    }, WAIT));
    assertSame(loop, current[0]);
    assertNull(loop.runSync(() -> null, null), "a null timeout means no limit");
  }

  static Stream<Arguments> uncheckedFailures() {
    List<Arguments> all = new ArrayList<>();
    for (Outcome outcome : Outcome.values()) {
      Named<Outcome> how = Named.of("future failed " + outcome, outcome);
      all.add(arguments(how, new IllegalArgumentException("thrown on purpose")));
      all.add(arguments(how, new ContractTestError("thrown on purpose")));
    }
    all.add(arguments(Named.of("thrown by the function", null),
        new IllegalStateException("thrown on purpose")));
    return all.stream();
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("uncheckedFailures")
  @Timeout(30)
  void runSyncRethrowsAnUncheckedFailureAsIs(Outcome outcome, Throwable failure)
      throws InterruptedException {
    List<Thread> completers = new ArrayList<>();
    try {
      Throwable thrown = assertThrows(Throwable.class, () -> loop.runSync(() -> {
        if (outcome == null) {
          throw sneakyThrow(failure);
        }
        return settle(outcome, completers, null, failure);
      }, WAIT));
      assertSame(failure, thrown);
    } finally {
      joinAll(completers);
    }
  }

  @ParameterizedTest
  @EnumSource(Outcome.class)
  @Timeout(30)
  void runSyncWrapsACheckedFailureInCompletionException(Outcome outcome)
      throws InterruptedException {
    IOException failure = new IOException("thrown on purpose");
    List<Thread> completers = new ArrayList<>();
    try {
      CompletionException thrown = assertThrows(CompletionException.class,
          () -> loop.runSync(() -> settle(outcome, completers, null, failure), WAIT));
      assertSame(failure, thrown.getCause());
    } finally {
      joinAll(completers);
    }
  }

  /** A future that gets {@code value} (or {@code failure}) the way {@code outcome} says. */
  private CompletableFuture<String> settle(Outcome outcome, List<Thread> completers,
      String value, Throwable failure) {
    CompletableFuture<String> f = new CompletableFuture<>();
    Runnable complete = () -> {
      if (failure == null) {
        f.complete(value);
      } else {
        f.completeExceptionally(failure);
      }
    };
    switch (outcome) {
      case AT_ONCE:
        complete.run();
        break;
      case FROM_A_TIMER:
        loop.callLater(Duration.ofMillis(5), complete);
        break;
      default:
        Thread t = new Thread(complete, "ioloop-contract-completer");
        completers.add(t);
        t.start();
        break;
    }
    return f;
  }

  @Test
  @Timeout(30)
  void runSyncTimesOutAndCancelsTheFuture() {
    CompletableFuture<String> never = new CompletableFuture<>();
    long start = System.nanoTime();
    LoopTimeoutException e = assertThrows(LoopTimeoutException.class,
        () -> loop.runSync(() -> never, Duration.ofMillis(50)));
    assertTrue(System.nanoTime() - start >= ms(50), "timed out before the timeout");
    assertTrue(never.isCancelled(), "the future was not cancelled");
    assertEquals("Operation timed out after 0.05 seconds", e.getMessage());
    // The cancel completes the timed-out future after start() returned; that must not stop the
    // next run early (a result that takes a while shows it).
    assertEquals("again", loop.runSync(() -> {
      CompletableFuture<String> later = new CompletableFuture<>();
      loop.callLater(Duration.ofMillis(20), () -> later.complete("again"));
      return later;
    }, WAIT), "the loop runs again after a timeout");
  }

  @Test
  @Timeout(30)
  void runSyncThrowsWhenTheLoopIsStoppedBeforeTheFutureCompletes() {
    CompletableFuture<String> never = new CompletableFuture<>();
    LoopStoppedException e = assertThrows(LoopStoppedException.class, () -> loop.runSync(() -> {
      loop.callLater(Duration.ofMillis(10), loop::stop);
      return never;
    }, WAIT));
    assertTrue(e.getMessage().contains("stopped before"), e::getMessage);
    assertEquals("again", loop.runSync(() -> CompletableFuture.completedFuture("again"), WAIT),
        "the loop runs again after it was stopped early");
  }

  @Test
  @Timeout(30)
  void runSyncOnTheRunningLoopThrowsAndLeavesNothingBehind() {
    boolean[] fnRan = {false};
    Throwable[] thrown = {null};
    boolean[] reached = {false};
    loop.addCallback(() -> {
      try {
        loop.runSync(() -> {
          fnRan[0] = true;
          return null;
        }, Duration.ofMillis(20));
      } catch (Throwable t) {
        thrown[0] = t;
      }
      // A timeout or callback left behind by the failed call would act before this runs.
      loop.callLater(Duration.ofMillis(100), () -> {
        reached[0] = true;
        loop.stop();
      });
    });
    runLoop();
    assertInstanceOf(IllegalStateException.class, thrown[0]);
    assertEquals("IOLoop is already running", thrown[0].getMessage());
    assertFalse(fnRan[0], "the function of a runSync that threw ran anyway");
    assertTrue(reached[0], "the timeout of a runSync that threw stopped the loop");
  }

  // ------------------------------------------------------------------------------- lifecycle

  @Test
  @Timeout(30)
  void loopRunsOnTheGivenBackend() {
    assertEquals(provider.name(), loop.pollerName());
    assertNotNull(loop.transport());
    assertFalse(loop.isRunning());
    assertFalse(loop.isClosed());
  }

  @Test
  @Timeout(30)
  void startOnTheRunningLoopThrows() {
    Throwable[] thrown = {null};
    boolean[] returned = {false};
    loop.addCallback(() -> {
      try {
        loop.start();
        returned[0] = true;
      } catch (Throwable t) {
        thrown[0] = t;
      }
      loop.stop();
    });
    runLoop();
    assertFalse(returned[0], "a nested start() returned");
    assertInstanceOf(IllegalStateException.class, thrown[0]);
    assertEquals("IOLoop is already running", thrown[0].getMessage());
  }

  @Test
  @Timeout(30)
  void startFromAnotherThreadWhileRunningThrows() throws Exception {
    try (LoopThread running = new LoopThread()) {
      IllegalStateException e = assertThrows(IllegalStateException.class, loop::start);
      assertEquals("IOLoop is already running", e.getMessage());
      assertEquals("still running", running.call(() -> "still running"));
    }
  }

  @Test
  @Timeout(30)
  void stopBeforeStartMakesTheNextStartReturnAtOnce() {
    boolean[] ran = {false};
    boolean[] guardFired = {false};
    loop.addCallback(() -> ran[0] = true);
    dev.eddy.loop.Timeout guard = loop.callLater(WAIT, () -> {
      guardFired[0] = true;
      loop.stop();
    });
    loop.stop();
    loop.start();
    guard.cancel();
    assertFalse(guardFired[0], "start() after stop() did not return at once");
    assertFalse(ran[0], "start() after stop() ran a callback");
    assertFalse(loop.isRunning());
    loop.addCallback(loop::stop);
    runLoop();
    assertTrue(ran[0], "the start after that runs normally");
  }

  @Test
  @Timeout(30)
  void loopIsCurrentOnlyWhileItRuns() {
    assertThrows(IllegalStateException.class, IOLoop::current);
    assertNull(IOLoop.currentOrNull());
    for (int round = 0; round < 3; round++) {
      Object[] seen = new Object[3];
      loop.addCallback(() -> {
        seen[0] = IOLoop.current();
        seen[1] = loop.isRunning();
        seen[2] = loop.inLoopThread();
        loop.stop();
      });
      runLoop();
      assertSame(loop, seen[0]);
      assertEquals(Boolean.TRUE, seen[1], "isRunning() inside the loop");
      assertEquals(Boolean.TRUE, seen[2], "inLoopThread() inside the loop");
      assertThrows(IllegalStateException.class, IOLoop::current);
      assertNull(IOLoop.currentOrNull());
      assertFalse(loop.isRunning());
      assertFalse(loop.inLoopThread());
    }
  }

  @Test
  @Timeout(30)
  void closeOnTheRunningLoopThrows() throws Exception {
    Throwable[] thrown = {null};
    loop.addCallback(() -> {
      try {
        loop.close(true);
      } catch (Throwable t) {
        thrown[0] = t;
      }
      loop.stop();
    });
    runLoop();
    assertInstanceOf(IllegalStateException.class, thrown[0]);
    assertFalse(loop.isClosed());
    try (LoopThread running = new LoopThread()) {
      assertThrows(IllegalStateException.class, () -> loop.close(false));
      assertFalse(loop.isClosed());
      assertEquals("still running", running.call(() -> "still running"));
    }
  }

  @Test
  @Timeout(30)
  void closeIsIdempotent() {
    loop.close(true);
    assertTrue(loop.isClosed());
    loop.close(true);
    loop.close(false);
    assertTrue(loop.isClosed());
  }

  @Test
  @Timeout(30)
  void closedLoopCannotBeStartedOrGivenHandlers() throws IOException {
    StreamHandle[] pipe = streamPair();
    loop.close(true);
    assertThrows(IllegalStateException.class, loop::start);
    assertThrows(IllegalStateException.class, () -> loop.runSync(() -> null, WAIT));
    assertThrows(IllegalStateException.class,
        () -> loop.addHandler(pipe[0], IOLoop.READ, (h, events) -> { }));
    assertThrows(IllegalStateException.class, () -> loop.runInExecutor(() -> 1));
    assertFalse(loop.isRunning());
  }

  @Test
  @Timeout(30)
  void addCallbackAfterCloseIsDroppedSilently() throws InterruptedException {
    loop.close(true);
    boolean[] ran = {false};
    loop.addCallback(() -> ran[0] = true);
    loop.execute(() -> ran[0] = true);
    AtomicReference<Throwable> offLoop = new AtomicReference<>();
    Thread other = new Thread(() -> {
      try {
        loop.addCallback(() -> ran[0] = true);
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
  void addCallbackRacingWithCloseOnTheLoopThreadIsDroppedSilently()
      throws InterruptedException {
    // Tornado's test_add_callback_while_closing: another thread closes the loop while this one
    // keeps adding callbacks.
    CountDownLatch closing = new CountDownLatch(1);
    AtomicReference<Throwable> ownerFailure = new AtomicReference<>();
    Thread owner = new Thread(() -> {
      try {
        loop.addCallback(loop::stop);
        loop.start();
        closing.countDown();
        loop.close(true);
      } catch (Throwable t) {
        ownerFailure.set(t);
        closing.countDown();
      }
    }, "ioloop-contract-closer");
    owner.start();
    try {
      assertTrue(closing.await(WAIT_MILLIS, TimeUnit.MILLISECONDS));
      for (int i = 0; i < 1000; i++) {
        loop.addCallback(() -> { });
      }
    } finally {
      owner.join(WAIT_MILLIS);
    }
    assertFalse(owner.isAlive());
    assertNull(ownerFailure.get());
    assertTrue(loop.isClosed());
  }

  @Test
  @Timeout(30)
  void loopsCanBeCreatedAndClosedConcurrently() {
    // Tornado's test_init_close_race, on two executor threads at once.
    Callable<Void> createAndClose = () -> {
      for (int i = 0; i < 10; i++) {
        int n = i;
        IOLoop other = IOLoop.create(provider);
        try {
          assertEquals(Integer.valueOf(i),
              other.runSync(() -> CompletableFuture.completedFuture(n), WAIT));
        } finally {
          other.close(true);
        }
      }
      return null;
    };
    loop.runSync(() -> CompletableFuture.allOf(loop.runInExecutor(createAndClose),
        loop.runInExecutor(createAndClose)), WAIT);
  }

  // -------------------------------------------------------------------------------- affinity

  /** A method that belongs to the loop's thread while the loop runs. */
  @FunctionalInterface
  interface LoopOperation {
    void apply(IOLoop loop, AffinityFixture fixture) throws Exception;
  }

  /** What the operations act on: handles with and without handler, and a pending timer. */
  static final class AffinityFixture {
    final PollHandle unregistered;
    final PollHandle registered;
    final dev.eddy.loop.Timeout timeout;

    AffinityFixture(PollHandle unregistered, PollHandle registered, dev.eddy.loop.Timeout timeout) {
      this.unregistered = unregistered;
      this.registered = registered;
      this.timeout = timeout;
    }
  }

  private static Arguments operation(String name, LoopOperation op) {
    return arguments(Named.of(name, op));
  }

  static Stream<Arguments> loopThreadOnlyOperations() {
    return Stream.of(
        operation("callLater", (l, f) -> l.callLater(Duration.ofMillis(1), () -> { })),
        operation("callAt", (l, f) -> l.callAt(l.time(), () -> { })),
        operation("removeTimeout", (l, f) -> l.removeTimeout(f.timeout)),
        operation("Timeout.cancel", (l, f) -> f.timeout.cancel()),
        operation("addHandler",
            (l, f) -> l.addHandler(f.unregistered, IOLoop.READ, (h, e) -> { })),
        operation("updateHandler", (l, f) -> l.updateHandler(f.registered, IOLoop.WRITE)),
        operation("removeHandler", (l, f) -> l.removeHandler(f.registered)),
        operation("timerHeapSize", (l, f) -> l.timerHeapSize()),
        operation("runInExecutor (default executor)", (l, f) -> l.runInExecutor(() -> 1)),
        operation("setDefaultExecutor", (l, f) -> l.setDefaultExecutor(Runnable::run)),
        operation("setSlowCallbackThreshold",
            (l, f) -> l.setSlowCallbackThreshold(Duration.ofSeconds(1))),
        operation("setSlowCallbackListener",
            (l, f) -> l.setSlowCallbackListener((lp, d, t, s) -> { })),
        operation("PeriodicCallback.start",
            (l, f) -> new PeriodicCallback(() -> { }, Duration.ofMillis(1)).start(l)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("loopThreadOnlyOperations")
  @Timeout(30)
  void loopThreadOnlyMethodThrowsWhenCalledFromAnotherThreadWhileRunning(LoopOperation op)
      throws Exception {
    StreamHandle[] free = streamPair();
    StreamHandle[] watched = streamPair();
    loop.addHandler(watched[0], IOLoop.READ, (h, events) -> { });
    dev.eddy.loop.Timeout pending = loop.callLater(Duration.ofHours(1), () -> { });
    AffinityFixture fixture = new AffinityFixture(free[0], watched[0], pending);
    try (LoopThread running = new LoopThread()) {
      List<Object> before = running.call(() -> loopState(fixture));
      assertThrows(IllegalStateException.class, () -> op.apply(loop, fixture));
      assertEquals(before, running.call(() -> loopState(fixture)),
          "the refused call changed the loop's state");
    }
  }

  /** Timer heap, timer, registrations and threshold; on the loop's thread. */
  private List<Object> loopState(AffinityFixture f) {
    return List.of(loop.timerHeapSize(), f.timeout.isPending(), isRegistered(f.registered),
        isRegistered(f.unregistered), loop.slowCallbackThreshold());
  }

  private boolean isRegistered(PollHandle handle) {
    try {
      loop.updateHandler(handle, IOLoop.READ); // the interest it has or should have: no change
      return true;
    } catch (NotRegisteredException e) {
      return false;
    }
  }

  @Test
  @Timeout(30)
  void threadSafeMethodsWorkFromAnotherThreadWhileRunning() throws Exception {
    try (LoopThread running = new LoopThread()) {
      assertTrue(loop.isRunning());
      assertFalse(loop.inLoopThread());
      assertEquals(provider.name(), loop.pollerName());
      assertNotNull(loop.transport());
      long t = loop.time();
      assertTrue(loop.time() - t >= 0, "time() is monotonic");
      assertThrows(IllegalStateException.class, IOLoop::current, "current() on another thread");
      assertNull(IOLoop.currentOrNull());
      CompletableFuture<Boolean> viaExecute = new CompletableFuture<>();
      loop.execute(() -> viaExecute.complete(loop.inLoopThread()));
      assertTrue(viaExecute.get(WAIT_MILLIS, TimeUnit.MILLISECONDS));
      assertTrue(running.call(loop::inLoopThread));
    }
  }

  // ------------------------------------------------------------------ executors and futures

  @Test
  @Timeout(30)
  void runInExecutorRunsTasksInParallelOffTheLoopAndCompletesOnIt() {
    // Tornado's test_run_in_executor: two tasks that each wait for the other. They also wait
    // until the loop has attached its stage, so that the thread completing the futures is the
    // thread that runs the stage.
    CountDownLatch first = new CountDownLatch(1);
    CountDownLatch second = new CountDownLatch(1);
    CountDownLatch attached = new CountDownLatch(1);
    Set<Thread> taskThreads = ConcurrentHashMap.newKeySet();
    Thread[] loopThread = {null};
    Thread[] completedOn = {null};
    List<String> results = loop.runSync(() -> {
      loopThread[0] = Thread.currentThread();
      CompletableFuture<String> a = loop.runInExecutor(
          () -> handshake(first, second, attached, "a", taskThreads));
      CompletableFuture<String> b = loop.runInExecutor(
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
  void runInExecutorPassesTheTasksExceptionBackOnTheLoop() {
    IOException boom = new IOException("thrown on purpose by an executor task");
    Throwable[] seen = {null};
    Thread[] loopThread = {null};
    Thread[] handledOn = {null};
    CountDownLatch attached = new CountDownLatch(1);
    loop.runSync(() -> {
      loopThread[0] = Thread.currentThread();
      CompletableFuture<Object> handled = loop.runInExecutor(() -> {
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
  void runInExecutorFailsTheFutureWhenTheExecutorRejects() {
    RejectedExecutionException refusal = new RejectedExecutionException("refused on purpose");
    Throwable[] seen = {null};
    loop.runSync(() -> loop.runInExecutor(task -> {
      throw refusal;
    }, () -> 1).handle((v, e) -> {
      seen[0] = e;
      return null;
    }), WAIT);
    assertSame(refusal, unwrap(seen[0]));
  }

  @Test
  @Timeout(60)
  void defaultExecutorThreadsEndWhenTheLoopCloses() throws InterruptedException {
    Set<Thread> workers = ConcurrentHashMap.newKeySet();
    List<Integer> results = loop.runSync(() -> {
      List<CompletableFuture<Integer>> futures = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        int n = i;
        futures.add(loop.runInExecutor(() -> {
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
    loop.close(true);
    for (Thread w : workers) {
      w.join(WAIT_MILLIS);
      assertFalse(w.isAlive(), () -> "executor thread " + w + " still runs after close");
    }
  }

  @Test
  @Timeout(30)
  void setDefaultExecutorIsUsedAndNotShutDownByClose() throws InterruptedException {
    ExecutorService pool = Executors.newSingleThreadExecutor(
        r -> new Thread(r, "ioloop-contract-executor"));
    try {
      AtomicInteger submitted = new AtomicInteger();
      loop.setDefaultExecutor(task -> {
        submitted.incrementAndGet();
        pool.execute(task);
      });
      String ranOn = loop.runSync(
          () -> loop.runInExecutor(() -> Thread.currentThread().getName()), WAIT);
      assertEquals("ioloop-contract-executor", ranOn);
      assertEquals(1, submitted.get());
      loop.close(true);
      assertFalse(pool.isShutdown(), "close shut down an executor the loop was given");
    } finally {
      pool.shutdownNow();
      assertTrue(pool.awaitTermination(WAIT_MILLIS, TimeUnit.MILLISECONDS));
    }
  }

  @Test
  @Timeout(30)
  void addFutureCallsBackOnTheLoopThreadWhenAnotherThreadCompletes()
      throws InterruptedException {
    CompletableFuture<String> future = new CompletableFuture<>();
    Thread[] completer = {null};
    Thread[] loopThread = {null};
    Thread[] calledOn = {null};
    Object[] got = {null};
    loop.addCallback(guarded(() -> {
      loopThread[0] = Thread.currentThread();
      loop.addFuture(future, done -> {
        calledOn[0] = Thread.currentThread();
        got[0] = done;
        loop.stop();
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
  void addFutureOfADoneFutureCallsBackLaterNotAtOnce(boolean failed) {
    IllegalStateException boom = new IllegalStateException("failed on purpose");
    CompletableFuture<String> done = failed ? CompletableFuture.failedFuture(boom)
        : CompletableFuture.completedFuture("done");
    boolean[] called = {false};
    boolean[] calledSynchronously = {false};
    Object[] got = {null};
    loop.addCallback(() -> {
      loop.addFuture(done, f -> {
        called[0] = true;
        got[0] = f;
        loop.stop();
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
  void loopIsAnExecutorThatKeepsStagesOnTheLoopThread() throws InterruptedException {
    CompletableFuture<Integer> source = new CompletableFuture<>();
    Thread[] completer = {null};
    Thread[] loopThread = {null};
    Thread[] appliedOn = {null};
    Integer result;
    try {
      result = loop.runSync(() -> {
        loopThread[0] = Thread.currentThread();
        CompletableFuture<Integer> out = source.thenApplyAsync(v -> {
          appliedOn[0] = Thread.currentThread();
          return v + 1;
        }, loop);
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

  // -------------------------------------------------------------------------- PeriodicCallback

  private static final double[] NO_RANDOMS = {};

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
  void periodicScheduleFollowsTornadosArithmetic(String name, double jitter, double[] durations,
      double[] randoms, double[] expectedSeconds) {
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
    long[] expected = Arrays.stream(expectedSeconds).mapToLong(IOLoopContract::seconds).toArray();
    assertArrayEquals(expected, calls, () -> "deadlines in ns: " + Arrays.toString(calls));
    assertEquals(randoms.length, drawn[0], "one random number per run when jittered");
  }

  private static long seconds(double s) {
    return Math.round(s * 1e9);
  }

  @Test
  @Timeout(30)
  void periodicCallbackRejectsBadArguments() {
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
  void periodicCallbackRunsEveryPeriodUntilStopped() {
    Duration period = Duration.ofMillis(10);
    List<Long> runs = new ArrayList<>();
    long[] startedAt = {0};
    PeriodicCallback[] pc = {null};
    pc[0] = new PeriodicCallback(() -> {
      runs.add(loop.time());
      if (runs.size() == 3) {
        pc[0].stop();
        // Five more periods for a run that was wrongly left scheduled to show up.
        loop.callLater(period.multipliedBy(5), loop::stop);
      }
    }, period);
    loop.addCallback(guarded(() -> {
      startedAt[0] = loop.time();
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
  void periodicCallbackThatFailsKeepsItsSchedule(PeriodicFailure how) {
    int[] runs = {0};
    PeriodicCallback[] pc = {null};
    Supplier<CompletionStage<Void>> body = () -> {
      if (++runs[0] == 3) {
        pc[0].stop();
        loop.stop();
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
    pc[0].start(loop); // before the loop runs: allowed
    runLoop();
    assertEquals(3, runs[0]);
  }

  @Test
  @Timeout(30)
  void asyncPeriodicCallbackDoesNotStartBeforeItsStageCompletes() {
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
      loop.callLater(Duration.ofMillis(25), () -> {
        finished[0]++;
        stage.complete(null);
        if (finished[0] == 3) {
          pc[0].stop();
          loop.stop();
        }
      });
      return stage;
    }, Duration.ofMillis(10), 0);
    pc[0].start(loop);
    runLoop();
    assertFalse(overlapped[0], "a run started while the previous one's stage was pending");
    assertEquals(3, started[0]);
    assertEquals(3, finished[0]);
  }

  // ------------------------------------------------------------------------- slow callbacks

  /** What holds the loop too long. */
  enum SlowTask { CALLBACK, TIMER, HANDLER }

  /** One call of the slow-callback listener. */
  private static final class SlowReport {
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
  void slowTaskIsReportedWithItsStack(SlowTask kind) throws IOException {
    Duration threshold = Duration.ofMillis(20);
    CountDownLatch reported = new CountDownLatch(1);
    AtomicReference<SlowReport> report = new AtomicReference<>();
    SlowCallbackListener listener = (l, blockedFor, task, stack) -> {
      report.compareAndSet(null, new SlowReport(l, blockedFor, task, stack));
      reported.countDown();
    };
    loop.setSlowCallbackThreshold(threshold);
    loop.setSlowCallbackListener(listener);
    assertEquals(threshold, loop.slowCallbackThreshold());
    boolean[] released = {false};
    Thread[] loopThread = {null};
    Runnable slow = () -> {
      loopThread[0] = Thread.currentThread();
      released[0] = blockUntilReported(reported);
      loop.stop();
    };
    switch (kind) {
      case CALLBACK:
        loop.addCallback(slow);
        break;
      case TIMER:
        loop.callLater(Duration.ZERO, slow);
        break;
      default:
        StreamHandle[] pipe = streamPair();
        writeByte(pipe[1]);
        loop.addHandler(pipe[0], IOLoop.READ, (h, events) -> {
          drain(pipe[0]);
          slow.run();
        });
        break;
    }
    runLoop();
    assertTrue(released[0], "the listener was not called while the task held the loop");
    SlowReport r = report.get();
    assertSame(loop, r.loop);
    assertTrue(r.blockedFor.compareTo(threshold) >= 0, () -> "reported after " + r.blockedFor);
    assertNotSame(loopThread[0], r.reportedOn, "the listener ran on the blocked loop thread");
    assertTrue(Arrays.stream(r.stack).anyMatch(f -> f.getMethodName().equals("blockUntilReported")
            && f.getClassName().equals(IOLoopContract.class.getName())),
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
  void watchdogThreadExistsOnlyWhileAThresholdIsSet(long thresholdMillis) {
    assertThrows(IllegalArgumentException.class,
        () -> loop.setSlowCallbackThreshold(Duration.ofMillis(-1)));
    loop.setSlowCallbackThreshold(Duration.ofMillis(thresholdMillis));
    Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());
    List<Thread> startedByStart = new ArrayList<>();
    loop.addCallback(() -> {
      for (Thread t : Thread.getAllStackTraces().keySet()) {
        if (!before.contains(t) && !t.getName().startsWith("junit-")) {
          startedByStart.add(t);
        }
      }
      loop.stop();
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

  // ---------------------------------------------------------------------------------- helpers

  /**
   * Runs the loop on this thread until something stops it; fails if that takes longer than
   * {@link #WAIT} (a guard timer then stops it), or if a guarded task failed on the loop.
   */
  private void runLoop() {
    boolean[] timedOut = {false};
    dev.eddy.loop.Timeout guard = loop.callLater(WAIT, () -> {
      timedOut[0] = true;
      loop.stop();
    });
    try {
      loop.start();
    } finally {
      guard.cancel();
    }
    rethrowLoopFailures();
    assertFalse(timedOut[0], "the loop was not stopped within " + WAIT);
  }

  /** A callback that records what it throws (for the test's thread) and stops the loop. */
  private Runnable guarded(Executable body) {
    return () -> {
      try {
        body.execute();
      } catch (Throwable t) {
        loopFailures.add(t);
        loop.stop();
      }
    };
  }

  /** A handler that records what it throws (for the test's thread) and stops the loop. */
  private IOHandler guardedHandler(IOHandler handler) {
    return (handle, events) -> {
      try {
        handler.handleEvents(handle, events);
      } catch (Throwable t) {
        loopFailures.add(t);
        loop.stop();
      }
    };
  }

  private void rethrowLoopFailures() {
    List<Throwable> failed;
    synchronized (loopFailures) {
      failed = new ArrayList<>(loopFailures);
      loopFailures.clear();
    }
    if (failed.isEmpty()) {
      return;
    }
    AssertionError error = new AssertionError("failed on the loop thread: " + failed.get(0),
        failed.get(0));
    failed.stream().skip(1).forEach(error::addSuppressed);
    throw error;
  }

  /** [source, sink]: a pipe where the backend has pipes, else a loopback TCP connection. */
  private StreamHandle[] streamPair() throws IOException {
    try {
      return pipe();
    } catch (UnsupportedOperationException noPipes) {
      return sockets();
    }
  }

  private StreamHandle[] streams(PairKind kind) throws IOException {
    if (kind == PairKind.SOCKETS) {
      return sockets();
    }
    try {
      return pipe();
    } catch (UnsupportedOperationException noPipes) {
      assumeTrue(false, "backend " + provider.name() + " has no pipes here");
      throw noPipes;
    }
  }

  private StreamHandle[] pipe() throws IOException {
    PipeHandles pipe = loop.transport().pipe();
    net.track(pipe.source());
    net.track(pipe.sink());
    return new StreamHandle[] {pipe.source(), pipe.sink()};
  }

  private StreamHandle[] sockets() throws IOException {
    SocketHandle[] pair = net.pair(); // [client, server side]
    return new StreamHandle[] {pair[1], pair[0]};
  }

  private static void writeByte(StreamHandle sink) throws IOException {
    assertEquals(1, sink.write(ByteBuffer.wrap(new byte[] {42})), "one byte written");
  }

  /** Reads until the stream would block (or ends); the number of bytes read. */
  private static int drain(StreamHandle source) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(512);
    int total = 0;
    int n;
    while ((n = source.read(buf)) > 0) {
      total += n;
      buf.clear();
    }
    return total;
  }

  private static long ms(long millis) {
    return TimeUnit.MILLISECONDS.toNanos(millis);
  }

  private static Throwable unwrap(Throwable t) {
    while ((t instanceof CompletionException || t instanceof ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  private static void joinAll(List<Thread> threads) throws InterruptedException {
    for (Thread t : threads) {
      t.join(WAIT_MILLIS);
      assertFalse(t.isAlive(), () -> t.getName() + " did not finish");
    }
  }

  /** Throws any throwable, checked or not, from code that may not declare it. */
  @SuppressWarnings("unchecked")
  private static <E extends Throwable> RuntimeException sneakyThrow(Throwable t) throws E {
    throw (E) t;
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
        Class<?> c = Class.forName(name, false, provider.getClass().getClassLoader());
        return Poller.class.isAssignableFrom(c);
      } catch (ClassNotFoundException | LinkageError notOurs) {
        return false;
      }
    });
  }

  /** An {@link Error} of the suite's own, thrown on purpose to see that the loop survives it. */
  static final class ContractTestError extends Error {
    private static final long serialVersionUID = 1L;

    ContractTestError(String message) {
      super(message);
    }
  }

  /**
   * The loop running on a thread of its own, for tests that act on it from another thread (this
   * one). Closing stops it and waits for the thread to end.
   */
  private final class LoopThread implements AutoCloseable {
    private final Thread thread;
    private final AtomicReference<Throwable> crash = new AtomicReference<>();

    LoopThread() throws InterruptedException {
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
     * Waits until the loop's thread is inside {@link Poller#poll}: blocked there (or about to
     * be), so that a wake-up is what gets it out. Reads the thread's stack; spins, never sleeps.
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
      rethrowLoopFailures();
    }
  }
}
