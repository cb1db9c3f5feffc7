package dev.eddy.loop.tck;

import static dev.eddy.loop.tck.LoopFixture.ms;
import static dev.eddy.loop.tck.LoopFixture.sneakyThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.eddy.loop.IOLoop;
import dev.eddy.loop.LoopStoppedException;
import dev.eddy.loop.LoopTimeoutException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link IOLoop#runSync}: the result, failures rethrown as they are or wrapped, the timeout, a
 * loop stopped before the future completes, and a call on the running loop.
 */
interface RunSyncCases extends LoopFixture {

  /** How the future of a runSync function comes to its outcome. */
  enum Outcome { AT_ONCE, FROM_A_TIMER, FROM_ANOTHER_THREAD }

  @ParameterizedTest
  @EnumSource(Outcome.class)
  @Timeout(30)
  default void runSyncReturnsTheResult(Outcome outcome) throws InterruptedException {
    List<Thread> completers = new ArrayList<>();
    try {
      assertEquals("result", loop().runSync(() -> settle(outcome, completers, "result", null),
          WAIT));
      assertNull(loop().runSync(() -> settle(outcome, completers, null, null), WAIT));
    } finally {
      joinAll(completers);
    }
  }

  @Test
  @Timeout(30)
  default void runSyncAcceptsAFunctionReturningNullAndRunsItOnTheLoop() {
    IOLoop[] current = {null};
    assertNull(loop().runSync(() -> {
      current[0] = IOLoop.current();
      return null;
    }, WAIT));
    assertSame(loop(), current[0]);
    assertNull(loop().runSync(() -> null, null), "a null timeout means no limit");
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
  default void runSyncRethrowsAnUncheckedFailureAsIs(Outcome outcome, Throwable failure)
      throws InterruptedException {
    List<Thread> completers = new ArrayList<>();
    try {
      Throwable thrown = assertThrows(Throwable.class, () -> loop().runSync(() -> {
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
  default void runSyncWrapsACheckedFailureInCompletionException(Outcome outcome)
      throws InterruptedException {
    IOException failure = new IOException("thrown on purpose");
    List<Thread> completers = new ArrayList<>();
    try {
      CompletionException thrown = assertThrows(CompletionException.class,
          () -> loop().runSync(() -> settle(outcome, completers, null, failure), WAIT));
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
        loop().callLater(Duration.ofMillis(5), complete);
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
  default void runSyncTimesOutAndCancelsTheFuture() {
    CompletableFuture<String> never = new CompletableFuture<>();
    long start = System.nanoTime();
    LoopTimeoutException e = assertThrows(LoopTimeoutException.class,
        () -> loop().runSync(() -> never, Duration.ofMillis(50)));
    assertTrue(System.nanoTime() - start >= ms(50), "timed out before the timeout");
    assertTrue(never.isCancelled(), "the future was not cancelled");
    assertEquals("Operation timed out after 0.05 seconds", e.getMessage());
    // The cancel completes the timed-out future after start() returned; that must not stop the
    // next run early (a result that takes a while shows it).
    assertEquals("again", loop().runSync(() -> {
      CompletableFuture<String> later = new CompletableFuture<>();
      loop().callLater(Duration.ofMillis(20), () -> later.complete("again"));
      return later;
    }, WAIT), "the loop runs again after a timeout");
  }

  @Test
  @Timeout(30)
  default void runSyncThrowsWhenTheLoopIsStoppedBeforeTheFutureCompletes() {
    CompletableFuture<String> never = new CompletableFuture<>();
    LoopStoppedException e = assertThrows(LoopStoppedException.class, () -> loop().runSync(() -> {
      loop().callLater(Duration.ofMillis(10), loop()::stop);
      return never;
    }, WAIT));
    assertTrue(e.getMessage().contains("stopped before"), e::getMessage);
    assertEquals("again", loop().runSync(() -> CompletableFuture.completedFuture("again"), WAIT),
        "the loop runs again after it was stopped early");
  }

  @Test
  @Timeout(30)
  default void runSyncOnTheRunningLoopThrowsAndLeavesNothingBehind() {
    boolean[] fnRan = {false};
    Throwable[] thrown = {null};
    boolean[] reached = {false};
    loop().addCallback(() -> {
      try {
        loop().runSync(() -> {
          fnRan[0] = true;
          return null;
        }, Duration.ofMillis(20));
      } catch (Throwable t) {
        thrown[0] = t;
      }
      // A timeout or callback left behind by the failed call would act before this runs.
      loop().callLater(Duration.ofMillis(100), () -> {
        reached[0] = true;
        loop().stop();
      });
    });
    runLoop();
    assertInstanceOf(IllegalStateException.class, thrown[0]);
    assertEquals("IOLoop is already running", thrown[0].getMessage());
    assertFalse(fnRan[0], "the function of a runSync that threw ran anyway");
    assertTrue(reached[0], "the timeout of a runSync that threw stopped the loop");
  }

  private static void joinAll(List<Thread> threads) throws InterruptedException {
    for (Thread t : threads) {
      t.join(WAIT_MILLIS);
      assertFalse(t.isAlive(), () -> t.getName() + " did not finish");
    }
  }

}
