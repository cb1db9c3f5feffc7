package dev.eddy.loop.sync;

import dev.eddy.loop.Trampoline;

import dev.eddy.loop.IOLoop;
import dev.eddy.loop.Timeout;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

/**
 * The waiters of one primitive: pending futures served first-in first-out, each with an optional
 * timer. It replaces Tornado's {@code _waiters} deque and its {@code _TimeoutGarbageCollector}:
 * instead of leaving timed-out or cancelled futures in the deque and sweeping them every hundred
 * timeouts, a waiter unlinks itself the moment it is served, times out or is cancelled, so the
 * list never holds a dead waiter and removal is O(1).
 *
 * <p>Not thread-safe: the loop's thread only, like the primitives that own it.
 */
final class WaitList<T> {

  /**
   * One waiter: the future handed to the caller, and a node of the list while it waits.
   *
   * <p>Serving a waiter has two steps. {@link #resolve}/{@link #fail} decide the outcome at once,
   * inside the primitive's call, and from then on the future refuses {@code cancel}, {@code
   * complete} and {@code completeExceptionally} (they return false), as a Python future that is
   * already done would; the {@link Trampoline} then completes it, at once or, if another waiter's
   * dependents are running on this thread, right after them. So a permit or an item handed to a
   * waiter can never be lost to a cancellation that comes in between.
   */
  static final class Waiter<T> extends CompletableFuture<T> {
    /** What a queue's putter wants to put; null for every other kind of waiter. */
    final Object item;
    private Timeout timer;
    private Waiter<T> previous;
    private Waiter<T> next;
    private boolean linked;
    private boolean decided;

    private Waiter(Object item) {
      this.item = item;
    }

    /** Serves the waiter with {@code value}; it must be unlinked already. */
    void resolve(T value) {
      decided = true;
      Trampoline.deliver(() -> super.complete(value));
    }

    /** Fails the waiter with {@code failure}; it must be unlinked already. */
    void fail(Throwable failure) {
      decided = true;
      Trampoline.deliver(() -> super.completeExceptionally(failure));
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      return !decided && super.cancel(mayInterruptIfRunning);
    }

    @Override
    public boolean complete(T value) {
      return !decided && super.complete(value);
    }

    @Override
    public boolean completeExceptionally(Throwable failure) {
      return !decided && super.completeExceptionally(failure);
    }

    /** Dependent stages are plain futures, not waiters. */
    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
      return new CompletableFuture<>();
    }
  }

  private final String operation;
  private final boolean failOnTimeout;
  private final T timeoutResult;
  private Waiter<T> head;
  private Waiter<T> tail;
  private int size;

  private WaitList(String operation, boolean failOnTimeout, T timeoutResult) {
    this.operation = operation;
    this.failOnTimeout = failOnTimeout;
    this.timeoutResult = timeoutResult;
  }

  /**
   * Waiters whose timeout fails their future with a {@link TimeoutException} that names {@code
   * operation} (for example "Lock.acquire").
   */
  static <T> WaitList<T> failingOnTimeout(String operation) {
    return new WaitList<>(operation, true, null);
  }

  /** Waiters whose timeout completes their future with {@code result} (Condition's false). */
  static <T> WaitList<T> completingOnTimeout(String operation, T result) {
    return new WaitList<>(operation, false, result);
  }

  /** The number of waiters still waiting. */
  int size() {
    return size;
  }

  boolean isEmpty() {
    return size == 0;
  }

  /** {@link #add(Object, Duration)} without an item. */
  CompletableFuture<T> add(Duration timeout) {
    return add(null, timeout);
  }

  /**
   * Queues a new waiter at the tail. The caller has already found that it cannot be served now.
   *
   * @param item carried for the primitive (a queue's putter), or null
   * @param timeout null to wait forever; zero or negative for Tornado 6.6's "check now" (#3621):
   *     the caller's check failed, so a future already timed out is returned and nothing is
   *     queued; positive to time out after that long on the calling thread's loop
   * @throws IllegalStateException if the timeout is positive and no {@link IOLoop} runs on the
   *     calling thread; nothing is queued then
   */
  CompletableFuture<T> add(Object item, Duration timeout) {
    if (timeout != null && (timeout.isZero() || timeout.isNegative())) {
      // Nobody can depend on a future not yet returned, so it may be completed right here.
      return failOnTimeout ? CompletableFuture.failedFuture(timeoutException(timeout))
          : CompletableFuture.completedFuture(timeoutResult);
    }
    IOLoop loop = timeout == null ? null : requireLoop();
    Waiter<T> w = new Waiter<>(item);
    link(w);
    if (loop != null) {
      w.timer = loop.callLater(timeout, () -> {
        w.timer = null; // running now: nothing left to cancel
        if (w.linked) { // not served, not cancelled
          unlink(w);
          if (failOnTimeout) {
            w.fail(timeoutException(timeout));
          } else {
            w.resolve(timeoutResult);
          }
        }
      });
    }
    // Registered first, so it runs after the caller's own dependents (CompletableFuture runs them
    // newest first). It sees every way the future ends: served, timed out, or cancelled.
    w.whenComplete((result, failure) -> detach(w));
    return w;
  }

  /**
   * Takes the waiter at the head out of the list, or returns null if none waits. The caller then
   * serves it with {@link Waiter#resolve} or {@link Waiter#fail} once its own state is final,
   * because the waiter's dependents may run inside that call and use the primitive again.
   */
  Waiter<T> poll() {
    while (head != null) {
      Waiter<T> w = head;
      unlink(w);
      // Completed by another thread (a misuse) before its hook could unlink it: skip it.
      if (!w.isDone()) {
        return w;
      }
    }
    return null;
  }

  /** Takes out up to {@code n} waiters, oldest first; see {@link #poll()}. */
  List<Waiter<T>> poll(int n) {
    List<Waiter<T>> taken = new ArrayList<>(Math.min(n, size));
    Waiter<T> w;
    while (taken.size() < n && (w = poll()) != null) {
      taken.add(w);
    }
    return taken;
  }

  private TimeoutException timeoutException(Duration timeout) {
    return new TimeoutException(operation + " timed out after " + describe(timeout));
  }

  private void detach(Waiter<T> w) {
    if (w.linked) {
      unlink(w);
    }
    Timeout timer = w.timer;
    if (timer != null) {
      w.timer = null;
      timer.cancel();
    }
  }

  private IOLoop requireLoop() {
    IOLoop loop = IOLoop.currentOrNull();
    if (loop == null) {
      throw new IllegalStateException(operation + " with a timeout needs an IOLoop running on "
          + "the calling thread, and none runs on thread '" + Thread.currentThread().getName()
          + "'; call it on the loop's thread (IOLoop.addCallback gets there)");
    }
    return loop;
  }

  private void link(Waiter<T> w) {
    w.previous = tail;
    if (tail == null) {
      head = w;
    } else {
      tail.next = w;
    }
    tail = w;
    w.linked = true;
    size++;
  }

  private void unlink(Waiter<T> w) {
    if (w.previous == null) {
      head = w.next;
    } else {
      w.previous.next = w.next;
    }
    if (w.next == null) {
      tail = w.previous;
    } else {
      w.next.previous = w.previous;
    }
    w.previous = null;
    w.next = null;
    w.linked = false;
    size--;
  }

  /** "10 ms" for whole milliseconds, else the ISO form ("PT0.0005S"). */
  static String describe(Duration d) {
    long seconds = d.getSeconds();
    if (seconds > -1_000_000_000L && seconds < 1_000_000_000L && d.getNano() % 1_000_000 == 0) {
      return d.toMillis() + " ms";
    }
    return d.toString();
  }

  @Override
  public String toString() {
    return operation + " waiters[" + size + "]";
  }
}
