package dev.eddy.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.loop.IOLoop;
import dev.eddy.loop.tck.ResourceLeakCheck;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The happy-eyeballs connector, driven by hand: a fake {@code connect} hands out futures the test
 * completes, and the timers are fired by calling {@link Connector#onTimeout()} and {@link
 * Connector#onConnectTimeout()} (the behaviours of Tornado's {@code ConnectorTest}). Every step
 * runs on a real loop's thread.
 */
@ExtendWith(ResourceLeakCheck.class)
@Timeout(30)
class ConnectorTest {

  private static final Duration HOUR = Duration.ofHours(1);

  // Two IPv4 addresses (the primary family when listed first) and two IPv6 ones.
  private static final InetSocketAddress A = address("10.0.0.1");
  private static final InetSocketAddress B = address("10.0.0.2");
  private static final InetSocketAddress C = address("2001:db8::1");
  private static final InetSocketAddress D = address("2001:db8::2");
  private static final List<InetSocketAddress> ALL = List.of(A, B, C, D);

  private IOLoop loop;
  private Fake fake;

  @BeforeEach
  void setUp() {
    loop = IOLoop.create("nio");
    fake = new Fake();
  }

  @AfterEach
  void tearDown() {
    loop.close(true);
    for (Conn c : fake.made) {
      assertTrue(c.closes <= 1, "closed " + c.closes + " times: " + c.address);
    }
  }

  // ------------------------------------------------------------------------------------ split

  @Test
  void splitOneFamily() {
    Connector.Split split = Connector.split(List.of(A, B));
    assertEquals(List.of(A, B), split.primary());
    assertEquals(List.of(), split.secondary());
  }

  @Test
  void splitMixedFamiliesKeepsTheOrderWithinEach() {
    Connector.Split split = Connector.split(List.of(A, C, B, D));
    assertEquals(List.of(A, B), split.primary());
    assertEquals(List.of(C, D), split.secondary());
  }

  @Test
  void splitTakesThePrimaryFamilyFromTheFirstAddress() {
    Connector.Split split = Connector.split(List.of(C, A, D, B));
    assertEquals(List.of(C, D), split.primary());
    assertEquals(List.of(A, B), split.secondary());
  }

  @Test
  void noAddressesIsAnError() {
    assertThrows(IllegalArgumentException.class, () -> Connector.split(List.of()));
    assertThrows(IllegalArgumentException.class,
        () -> new Connector<Conn>(List.of(), loop, fake::connect, fake::close));
  }

  // --------------------------------------------------------------------- one family, by hand

  @Test
  void immediateSuccess() {
    run(() -> {
      CompletableFuture<Connector.Success<Conn>> result = startManual(ALL);
      assertEquals(List.of(A), fake.tried);
      Conn a = fake.succeed(A);
      assertWon(result, A, a);
      assertEquals(List.of(A), fake.tried, "nothing else was tried");
      assertEquals(0, a.closes);
    });
  }

  @Test
  void immediateFailureOfTheOnlyAddress() {
    run(() -> {
      CompletableFuture<Connector.Success<Conn>> result = startManual(List.of(A));
      assertPending(A);
      IOException refused = fake.fail(A);
      assertSame(refused, failure(result));
    });
  }

  @Test
  void oneFamilySecondTryAfterTheFirstFails() {
    run(() -> {
      CompletableFuture<Connector.Success<Conn>> result = startManual(List.of(A, B));
      assertPending(A);
      fake.fail(A);
      assertPending(B);
      assertFalse(result.isDone());
      Conn b = fake.succeed(B);
      assertWon(result, B, b);
    });
  }

  @Test
  void oneFamilyAllFailWithTheLastError() {
    run(() -> {
      CompletableFuture<Connector.Success<Conn>> result = startManual(List.of(A, B));
      fake.fail(A);
      assertPending(B);
      IOException last = fake.fail(B);
      assertSame(last, failure(result));
      assertEquals(List.of(A, B), fake.tried);
    });
  }

  @Test
  void oneFamilyTheInitialTimeoutChangesNothing() {
    run(() -> {
      Connector<Conn> connector = connector(List.of(A, B));
      CompletableFuture<Connector.Success<Conn>> result = connector.start(HOUR, HOUR);
      assertPending(A);
      connector.onTimeout();
      assertPending(A);
      fake.fail(A);
      assertPending(B);
      Conn b = fake.succeed(B);
      assertWon(result, B, b);
    });
  }

  // -------------------------------------------------------------------- two families, by hand

  @Test
  void twoFamiliesAPrimaryFailureStartsTheSecondaryAtOnce() {
    run(() -> {
      CompletableFuture<Connector.Success<Conn>> result = startManual(ALL);
      assertPending(A);
      fake.fail(A);
      assertPending(B, C);
      assertEquals(List.of(A, B, C), fake.tried);
      fake.fail(B);
      assertPending(C);
      Conn c = fake.succeed(C);
      assertWon(result, C, c);
    });
  }

  @Test
  void twoFamiliesTheTimeoutStartsTheSecondaryWhileThePrimaryIsPending() {
    run(() -> {
      Connector<Conn> connector = connector(ALL);
      CompletableFuture<Connector.Success<Conn>> result = connector.start(HOUR, HOUR);
      assertPending(A);
      connector.onTimeout();
      assertPending(A, C);
      Conn c = fake.succeed(C);
      assertWon(result, C, c);
      // A failing after the connection was made does not start B.
      fake.fail(A);
      assertPending();
      assertEquals(List.of(A, C), fake.tried);
    });
  }

  @Test
  void aFailureAfterTheTimeoutDoesNotStartTheSecondaryTwice() {
    run(() -> {
      Connector<Conn> connector = connector(ALL);
      CompletableFuture<Connector.Success<Conn>> result = connector.start(HOUR, HOUR);
      connector.onTimeout();
      assertPending(A, C);
      fake.fail(A);
      assertPending(B, C);
      connector.onTimeout();
      assertPending(B, C);
      assertEquals(List.of(A, C, B), fake.tried);
      Conn b = fake.succeed(B);
      assertWon(result, B, b);
      fake.fail(C);
    });
  }

  @Test
  void successAfterTheTimeoutWinsAndTheLateSecondaryIsClosed() {
    run(() -> {
      Connector<Conn> connector = connector(ALL);
      CompletableFuture<Connector.Success<Conn>> result = connector.start(HOUR, HOUR);
      connector.onTimeout();
      assertPending(A, C);
      Conn a = fake.succeed(A);
      assertWon(result, A, a);
      Conn c = fake.succeed(C);
      assertEquals(1, c.closes, "the loser is closed when it connects");
      assertEquals(0, a.closes, "the winner is not");
      assertPending();
    });
  }

  @Test
  void losersAreClosedExactlyOnce() {
    run(() -> {
      Connector<Conn> connector = connector(ALL);
      CompletableFuture<Connector.Success<Conn>> result = connector.start(HOUR, HOUR);
      connector.onTimeout();
      Conn c = fake.succeed(C);
      assertWon(result, C, c);
      Conn a = fake.succeed(A);
      connector.onConnectTimeout();
      connector.onTimeout();
      assertEquals(1, a.closes);
      assertEquals(0, c.closes);
      assertPending();
      assertEquals(List.of(A, C), fake.tried);
    });
  }

  @Test
  void allFailWithTheLastError() {
    run(() -> {
      Connector<Conn> connector = connector(ALL);
      CompletableFuture<Connector.Success<Conn>> result = connector.start(HOUR, HOUR);
      connector.onTimeout();
      assertPending(A, C);
      fake.fail(C);
      assertPending(A, D);
      fake.fail(D);
      assertPending(A); // the secondary family is used up
      fake.fail(A);
      assertPending(B);
      assertFalse(result.isDone(), "B is still trying");
      IOException last = fake.fail(B);
      assertSame(last, failure(result));
      assertEquals(List.of(A, C, D, B), fake.tried);
    });
  }

  // ---------------------------------------------------------------------- connect timeout

  @Test
  void connectTimeoutFailsAndClosesWhatConnectsLater() {
    run(() -> {
      Connector<Conn> connector = connector(ALL);
      CompletableFuture<Connector.Success<Conn>> result =
          connector.start(HOUR, Duration.ofMillis(2500));
      connector.onTimeout();
      assertPending(A, C);
      connector.onConnectTimeout();
      Throwable timeout = failure(result);
      assertInstanceOf(TimeoutException.class, timeout);
      assertTrue(timeout.getMessage().contains("2.5 seconds"), timeout.getMessage());
      Conn a = fake.succeed(A);
      assertEquals(1, a.closes, "an attempt in flight is closed when it connects");
      fake.fail(C);
      connector.onTimeout();
      assertPending();
      assertEquals(List.of(A, C), fake.tried, "no attempt starts after the timeout");
      assertInstanceOf(TimeoutException.class, failure(result), "the outcome stays");
    });
  }

  @Test
  void oneFamilyConnectTimeoutStopsTheSecondTry() {
    run(() -> {
      Connector<Conn> connector = connector(List.of(A, B));
      CompletableFuture<Connector.Success<Conn>> result = connector.start(HOUR, HOUR);
      connector.onConnectTimeout();
      assertInstanceOf(TimeoutException.class, failure(result));
      fake.fail(A);
      assertPending();
      assertEquals(List.of(A), fake.tried);
    });
  }

  @Test
  void successBeforeTheConnectTimeoutStands() {
    run(() -> {
      Connector<Conn> connector = connector(List.of(A, B));
      CompletableFuture<Connector.Success<Conn>> result = connector.start(HOUR, HOUR);
      Conn a = fake.succeed(A);
      connector.onConnectTimeout();
      assertWon(result, A, a);
      assertEquals(0, a.closes);
    });
  }

  @Test
  void failuresBeforeTheConnectTimeoutKeepTheirError() {
    run(() -> {
      Connector<Conn> connector = connector(List.of(A, B));
      CompletableFuture<Connector.Success<Conn>> result = connector.start(HOUR, HOUR);
      fake.fail(A);
      IOException last = fake.fail(B);
      connector.onConnectTimeout();
      assertSame(last, failure(result));
    });
  }

  // ------------------------------------------------------------------ connect misbehaving

  @Test
  void aConnectFunctionThatThrowsIsAFailureOfThatAddress() {
    run(() -> {
      IllegalStateException boom = new IllegalStateException("no socket for A");
      Connector<Conn> connector = new Connector<>(ALL, loop, address -> {
        if (address.equals(A)) {
          fake.tried.add(address);
          throw boom;
        }
        return fake.connect(address);
      }, fake::close, false);
      CompletableFuture<Connector.Success<Conn>> result = connector.start(HOUR, HOUR);
      assertPending(B, C);
      assertEquals(List.of(A, B, C), fake.tried, "B next, and C at once");
      fake.fail(B);
      fake.fail(C);
      assertPending(D);
      Conn d = fake.succeed(D);
      assertWon(result, D, d);
    });
  }

  @Test
  void whenEveryAttemptFailsAtOnceTheResultFailsBeforeStartReturns() {
    run(() -> {
      List<InetSocketAddress> tried = new ArrayList<>();
      Connector<Conn> connector = new Connector<>(ALL, loop, address -> {
        tried.add(address);
        if (address.equals(D)) {
          return null; // a broken connect function: a failure too
        }
        return CompletableFuture.failedFuture(new IOException("refused " + address));
      }, fake::close);
      CompletableFuture<Connector.Success<Conn>> result = connector.start(HOUR, HOUR);
      assertEquals(List.of(A, B, C, D), tried);
      assertInstanceOf(NullPointerException.class, failure(result), "the last error");
      assertFalse(connector.hasPendingTimers(), "no timer is armed for a finished attempt");
    });
  }

  @Test
  void cancellingTheResultStopsTheAttempts() {
    run(() -> {
      Connector<Conn> connector = connector(List.of(A, B));
      CompletableFuture<Connector.Success<Conn>> result = connector.start(HOUR, HOUR);
      result.cancel(false);
      fake.fail(A);
      assertPending();
      assertEquals(List.of(A), fake.tried);
    });
    run(() -> {
      fake = new Fake();
      Connector<Conn> connector = connector(List.of(A, B));
      connector.start(HOUR, HOUR).cancel(false);
      Conn a = fake.succeed(A);
      assertEquals(1, a.closes, "a connection made after the caller gave up is closed");
    });
  }

  // ------------------------------------------------------------------------- real timers

  @Test
  void realTimersAreCancelledWhenTheConnectionIsMade() {
    run(() -> {
      Connector<Conn> connector = new Connector<>(ALL, loop, fake::connect, fake::close);
      CompletableFuture<Connector.Success<Conn>> result = connector.start(HOUR, HOUR);
      assertTrue(connector.hasPendingTimers());
      Conn a = fake.succeed(A);
      assertWon(result, A, a);
      assertFalse(connector.hasPendingTimers());
    });
  }

  @Test
  void theRealInitialTimerStartsTheSecondaryFamily() {
    // The secondary's attempt succeeds as soon as it is made; the primary's never answers.
    Connector<Conn> connector = new Connector<>(ALL, loop, address -> {
      CompletableFuture<Conn> f = fake.connect(address);
      if (address.equals(C)) {
        fake.succeed(C);
      }
      return f;
    }, fake::close);
    Connector.Success<Conn> won = loop.runSync(
        () -> connector.start(Duration.ofMillis(20), null), Duration.ofSeconds(10));
    assertEquals(C, won.address());
    assertEquals(List.of(A, C), fake.tried);
    run(() -> {
      assertFalse(connector.hasPendingTimers());
      Conn a = fake.succeed(A);
      assertEquals(1, a.closes);
    });
  }

  @Test
  void theRealConnectTimeoutFailsTheResult() {
    Connector<Conn> connector = new Connector<>(List.of(A, C), loop, fake::connect, fake::close);
    Throwable error = loop.runSync(
        () -> connector.start(Duration.ofMillis(10), Duration.ofMillis(50)).handle((r, e) -> e),
        Duration.ofSeconds(10));
    assertInstanceOf(TimeoutException.class, error);
    assertTrue(error.getMessage().contains("0.05 seconds"), error.getMessage());
    assertEquals(List.of(A, C), fake.tried, "the initial timer fired before the connect timeout");
    run(() -> {
      assertFalse(connector.hasPendingTimers());
      Conn c = fake.succeed(C);
      assertEquals(1, c.closes);
      fake.fail(A);
    });
  }

  @Test
  void attemptsCompletedOffTheLoopAreHandledOnTheLoop() throws InterruptedException {
    Connector<Conn> connector =
        new Connector<>(List.of(A, B), loop, fake::connect, fake::close, false);
    Thread completer = new Thread(() -> fake.completeLater(A, B), "connector-test-completer");
    boolean[] onLoop = new boolean[1];
    Connector.Success<Conn> won = loop.runSync(() -> {
      CompletableFuture<Connector.Success<Conn>> result = connector.start(HOUR, HOUR);
      result.whenComplete((r, e) -> onLoop[0] = loop.inLoopThread());
      completer.start();
      return result;
    }, Duration.ofSeconds(10));
    completer.join(10_000);
    assertEquals(B, won.address(), "A failed on the other thread, then B was tried");
    assertTrue(onLoop[0], "the result completed on the loop's thread");
  }

  // --------------------------------------------------------------------------------- helpers

  private Connector<Conn> connector(List<InetSocketAddress> addresses) {
    return new Connector<>(addresses, loop, fake::connect, fake::close, false);
  }

  private CompletableFuture<Connector.Success<Conn>> startManual(
      List<InetSocketAddress> addresses) {
    return connector(addresses).start(HOUR, HOUR);
  }

  /** Runs {@code body} on the loop's thread and waits for it. */
  private void run(Runnable body) {
    loop.runSync(() -> {
      body.run();
      return CompletableFuture.completedFuture(null);
    }, Duration.ofSeconds(10));
  }

  private void assertPending(InetSocketAddress... expected) {
    assertEquals(Set.of(expected), fake.pending.keySet());
  }

  private static void assertWon(CompletableFuture<Connector.Success<Conn>> result,
      InetSocketAddress address, Conn connection) {
    assertTrue(result.isDone(), "the result is done");
    assertFalse(result.isCompletedExceptionally(), () -> "failed: " + failure(result));
    Connector.Success<Conn> won = result.join();
    assertEquals(address, won.address());
    assertSame(connection, won.connection());
  }

  private static Throwable failure(CompletableFuture<?> f) {
    assertTrue(f.isCompletedExceptionally(), "the result failed");
    return f.handle((r, e) -> e).join();
  }

  private static InetSocketAddress address(String literal) {
    try {
      return new InetSocketAddress(InetAddress.getByName(literal), 80);
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  /** A connection that counts how often it was closed. */
  static final class Conn {
    final InetSocketAddress address;
    int closes;

    Conn(InetSocketAddress address) {
      this.address = address;
    }

    @Override
    public String toString() {
      return "Conn[" + address + "]";
    }
  }

  /** The fake {@code connect}: records each address tried and hands out a pending future. */
  static final class Fake {
    final List<InetSocketAddress> tried = new ArrayList<>();
    final Map<InetSocketAddress, CompletableFuture<Conn>> pending = new LinkedHashMap<>();
    final List<Conn> made = new ArrayList<>();

    synchronized CompletableFuture<Conn> connect(InetSocketAddress address) {
      tried.add(address);
      CompletableFuture<Conn> f = new CompletableFuture<>();
      pending.put(address, f);
      notifyAll();
      return f;
    }

    void close(Conn c) {
      c.closes++;
    }

    Conn succeed(InetSocketAddress address) {
      Conn c = new Conn(address);
      made.add(c);
      take(address).complete(c);
      return c;
    }

    IOException fail(InetSocketAddress address) {
      IOException e = new IOException("connection refused: " + address);
      take(address).completeExceptionally(e);
      return e;
    }

    private synchronized CompletableFuture<Conn> take(InetSocketAddress address) {
      CompletableFuture<Conn> f = pending.remove(address);
      assertNotNull(f, () -> "no attempt pending for " + address + "; pending: " + pending);
      return f;
    }

    /**
     * On another thread: fails {@code first} and then succeeds {@code second}, each once the
     * connector has tried it (waiting for the loop to get there).
     */
    void completeLater(InetSocketAddress first, InetSocketAddress second) {
      awaitAttempt(first).completeExceptionally(new IOException("refused " + first));
      awaitAttempt(second).complete(new Conn(second));
    }

    private synchronized CompletableFuture<Conn> awaitAttempt(InetSocketAddress address) {
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (!pending.containsKey(address)) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError("no attempt on " + address);
        }
        try {
          wait(left / 1_000_000 + 1);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError(e);
        }
      }
      return pending.remove(address);
    }
  }
}
