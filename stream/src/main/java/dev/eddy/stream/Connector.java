package dev.eddy.stream;

import dev.eddy.loop.IOLoop;
import dev.eddy.loop.Timeout;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "Happy eyeballs" (RFC 8305, RFC 6555): connects to the first of several addresses that answers,
 * giving the family the resolver listed first a head start. Tornado's {@code _Connector},
 * generic over the connection type {@code T}.
 *
 * <p>The addresses are {@linkplain #split split} by family. The primary family is tried one
 * address at a time, the next after the previous failed. After the initial timeout (300 ms by
 * default), or at once when a primary attempt fails, the secondary family starts in parallel, also
 * one address at a time. The first connection made wins; every other attempt that still succeeds
 * is closed with {@code close} when it does (an attempt in flight has no connection yet to close).
 * When every address has failed, the result fails with the last error. When the connect timeout
 * passes first, the result fails with {@link TimeoutException}, no more attempts start, and
 * attempts that succeed later are closed.
 *
 * <h2>Threading</h2>
 * Everything runs on the loop's thread: construct and {@link #start} it there (or before the loop
 * runs). The result completes on the loop's thread. An attempt's future may complete on any
 * thread: one completed elsewhere is handled in a callback on the loop; one completed on the
 * loop's thread is handled at once.
 *
 * <h2>Errors</h2>
 * {@code connect} throwing a {@link RuntimeException} (or returning null) counts as a failure of
 * that address. An exception thrown by {@code close} is logged and otherwise ignored. Each
 * attempt's future must complete in the end (give {@code connect} its own bound); until it does
 * the connector counts it as in flight. Cancelling the result stops further attempts.
 *
 * @param <T> the connection type
 */
final class Connector<T> {

  /** The head start of the primary family (RFC 8305's "connection attempt delay"). */
  static final Duration DEFAULT_INITIAL_TIMEOUT = Duration.ofMillis(300);

  private static final Logger log = LoggerFactory.getLogger(Connector.class);

  /** The winning attempt: the address it connected to and the connection. */
  record Success<T>(InetSocketAddress address, T connection) {}

  /** Addresses partitioned by family: the family of the first, and the others, each in order. */
  record Split(List<InetSocketAddress> primary, List<InetSocketAddress> secondary) {}

  private final IOLoop loop;
  private final Function<InetSocketAddress, CompletableFuture<T>> connect;
  private final Consumer<T> close;
  private final boolean armTimers;
  private final ArrayDeque<InetSocketAddress> primary;
  private final ArrayDeque<InetSocketAddress> secondary;
  private final CompletableFuture<Success<T>> result = new CompletableFuture<>();

  /** Addresses whose attempt has not finished: untried ones and those in flight. */
  private int remaining;
  private boolean started;
  private boolean secondaryStarted;
  private Throwable lastError;
  private Duration connectTimeout;
  private Timeout initialTimer;
  private Timeout connectTimer;

  /**
   * A connector that arms real timers.
   *
   * @param addresses the resolved addresses, in the resolver's order; not empty
   * @param connect starts a connection to one address; its future completes with the connection
   *     or fails
   * @param close closes a connection that lost
   * @throws IllegalArgumentException if {@code addresses} is empty
   */
  Connector(List<InetSocketAddress> addresses, IOLoop loop,
      Function<InetSocketAddress, CompletableFuture<T>> connect, Consumer<T> close) {
    this(addresses, loop, connect, close, true);
  }

  /**
   * As above; with {@code armTimers} false {@link #start} arms no timers, and the caller (a test)
   * fires them with {@link #onTimeout()} and {@link #onConnectTimeout()}.
   */
  Connector(List<InetSocketAddress> addresses, IOLoop loop,
      Function<InetSocketAddress, CompletableFuture<T>> connect, Consumer<T> close,
      boolean armTimers) {
    if (addresses.isEmpty()) {
      throw new IllegalArgumentException("no addresses to connect to");
    }
    this.loop = Objects.requireNonNull(loop, "loop");
    this.connect = Objects.requireNonNull(connect, "connect");
    this.close = Objects.requireNonNull(close, "close");
    this.armTimers = armTimers;
    Split split = split(addresses);
    this.primary = new ArrayDeque<>(split.primary());
    this.secondary = new ArrayDeque<>(split.secondary());
    this.remaining = addresses.size();
  }

  /**
   * Partitions {@code addresses} by family ({@link AddressFamily#of}): primary is the first
   * address and every other of its family, secondary all the rest, each in the given order.
   *
   * @throws IllegalArgumentException if {@code addresses} is empty
   */
  static Split split(List<InetSocketAddress> addresses) {
    if (addresses.isEmpty()) {
      throw new IllegalArgumentException("no addresses to split");
    }
    AddressFamily first = AddressFamily.of(addresses.get(0).getAddress());
    List<InetSocketAddress> primary = new ArrayList<>();
    List<InetSocketAddress> secondary = new ArrayList<>();
    for (InetSocketAddress a : addresses) {
      (AddressFamily.of(a.getAddress()) == first ? primary : secondary).add(a);
    }
    return new Split(List.copyOf(primary), List.copyOf(secondary));
  }

  /** {@link #start(Duration, Duration)} with the default initial timeout and no connect timeout. */
  CompletableFuture<Success<T>> start() {
    return start(DEFAULT_INITIAL_TIMEOUT, null);
  }

  /**
   * Starts connecting. Call once, on the loop's thread.
   *
   * @param initialTimeout the primary family's head start
   * @param connectTimeout the limit on the whole attempt, or null for none
   * @return the winner; failed with the last attempt's error when all failed (an {@link
   *     IOException} "connection failed" if none gave one), or with {@link TimeoutException} when
   *     {@code connectTimeout} passed first
   * @throws IllegalStateException if called twice, or off the thread of the running loop
   * @throws IllegalArgumentException if a timeout is negative
   */
  CompletableFuture<Success<T>> start(Duration initialTimeout, Duration connectTimeout) {
    Objects.requireNonNull(initialTimeout, "initialTimeout");
    if (initialTimeout.isNegative() || (connectTimeout != null && connectTimeout.isNegative())) {
      throw new IllegalArgumentException("timeouts must not be negative: " + initialTimeout
          + ", " + connectTimeout);
    }
    if (loop.isRunning() && !loop.inLoopThread()) {
      throw new IllegalStateException("start the connector on the loop's thread");
    }
    if (started) {
      throw new IllegalStateException("connector already started");
    }
    started = true;
    this.connectTimeout = connectTimeout;
    // However the result completes (won, failed, timed out, or cancelled by the caller), the
    // timers have no more to do.
    result.whenComplete((r, e) -> onLoop(this::clearTimers));
    tryNext(primary);
    // A primary attempt that failed at once has started the secondary family already, and if
    // every attempt failed at once the result is done.
    if (armTimers && !result.isDone()) {
      if (!secondaryStarted) {
        initialTimer = loop.callLater(initialTimeout, this::onTimeout);
      }
      if (connectTimeout != null) {
        connectTimer = loop.callLater(connectTimeout, this::onConnectTimeout);
      }
    }
    return result;
  }

  /** The initial timeout passed: start the secondary family, if it has not started already. */
  void onTimeout() {
    initialTimer = null;
    startSecondary();
  }

  /** The connect timeout passed: fail with {@link TimeoutException} unless already done. */
  void onConnectTimeout() {
    connectTimer = null;
    if (result.isDone()) {
      return;
    }
    String message = connectTimeout == null ? "connect timed out"
        : "connect timed out after " + seconds(connectTimeout) + " seconds";
    log.debug("{}; attempts still in flight will be closed when they connect", message);
    result.completeExceptionally(new TimeoutException(message));
  }

  /** True while the initial or the connect timer is armed; for tests. */
  boolean hasPendingTimers() {
    return (initialTimer != null && initialTimer.isPending())
        || (connectTimer != null && connectTimer.isPending());
  }

  private void startSecondary() {
    if (secondaryStarted || result.isDone()) {
      return;
    }
    secondaryStarted = true;
    if (initialTimer != null) {
      loop.removeTimeout(initialTimer);
      initialTimer = null;
    }
    tryNext(secondary);
  }

  /** Starts an attempt on the next address of {@code family}, or fails if all are done. */
  private void tryNext(ArrayDeque<InetSocketAddress> family) {
    if (result.isDone()) {
      return;
    }
    InetSocketAddress address = family.poll();
    if (address == null) {
      // This family is used up; the other may still be trying, or not have started.
      if (remaining == 0) {
        result.completeExceptionally(lastError != null ? lastError
            : new IOException("connection failed"));
      }
      return;
    }
    log.debug("Connecting to {}", address);
    CompletableFuture<T> attempt;
    try {
      attempt = Objects.requireNonNull(connect.apply(address),
          "connect returned null instead of a future");
    } catch (RuntimeException e) {
      attempt = CompletableFuture.failedFuture(e);
    }
    attempt.whenComplete((connection, error) ->
        onLoop(() -> attemptDone(family, address, connection, error)));
  }

  private void attemptDone(ArrayDeque<InetSocketAddress> family, InetSocketAddress address,
      T connection, Throwable error) {
    remaining--;
    if (error != null) {
      Throwable cause = unwrap(error);
      if (result.isDone()) {
        log.debug("Connecting to {} failed after the connector finished: {}", address,
            cause.toString());
        return;
      }
      log.debug("Connecting to {} failed: {}", address, cause.toString());
      lastError = cause;
      tryNext(family);
      startSecondary(); // a failure does not wait for the initial timeout
      return;
    }
    if (result.isDone() || !result.complete(new Success<>(address, connection))) {
      log.debug("Closing the connection to {}: the connector has finished", address);
      closeQuietly(address, connection);
      return;
    }
    log.debug("Connected to {}", address);
  }

  private void closeQuietly(InetSocketAddress address, T connection) {
    try {
      close.accept(connection);
    } catch (RuntimeException e) {
      log.warn("Error closing the surplus connection to {}", address, e);
    }
  }

  private void clearTimers() {
    if (initialTimer != null) {
      loop.removeTimeout(initialTimer);
      initialTimer = null;
    }
    if (connectTimer != null) {
      loop.removeTimeout(connectTimer);
      connectTimer = null;
    }
  }

  /** Runs {@code task} now if on the loop's thread, else in a callback there. */
  private void onLoop(Runnable task) {
    if (loop.inLoopThread()) {
      task.run();
    } else {
      loop.addCallback(task);
    }
  }

  private static Throwable unwrap(Throwable t) {
    return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
  }

  private static String seconds(Duration d) {
    return BigDecimal.valueOf(d.getSeconds()).add(BigDecimal.valueOf(d.getNano(), 9))
        .stripTrailingZeros().toPlainString();
  }

  @Override
  public String toString() {
    return "Connector[primary=" + primary + ", secondary=" + secondary + ", remaining="
        + remaining + (result.isDone() ? ", done" : "") + "]";
  }
}
