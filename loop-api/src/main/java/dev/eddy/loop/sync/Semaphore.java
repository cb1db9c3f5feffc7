package dev.eddy.loop.sync;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

/**
 * A counter of permits for code running on an {@code IOLoop}: Tornado's {@code
 * tornado.locks.Semaphore}.
 *
 * <p>The value is the initial value plus the releases minus the acquisitions. {@link #acquire()}
 * takes a permit at once when the value is positive, else waits; {@link #release()} gives the
 * permit to the oldest waiter (first-in first-out), or adds it to the value if none waits. The
 * value may grow past its initial value; {@link BoundedSemaphore} forbids that.
 *
 * <h2>Threading</h2>
 * Loop-affine: every method must be called on the thread of the running loop (or by a single thread
 * while no loop runs, for the methods without a timeout), and a returned future must only be
 * cancelled there. Futures are completed on that thread by the call that satisfies them ({@link
 * #release()}, or the timer of a timeout), and their non-{@code Async} dependent stages run there:
 * at once, or, when that call is itself made by a dependent of another waiter, right after that
 * dependent returns, so chains of hand-overs never deepen the stack. Add stages with {@code
 * thenRunAsync(action, loop)} to continue on a later iteration, as Tornado's coroutines do. See the
 * package documentation.
 *
 * <h2>Errors</h2>
 * A negative initial value is an {@link IllegalArgumentException}. A timed-out {@link
 * #acquire(Duration)} fails its future with a {@link TimeoutException} and leaves the queue; a
 * waiter whose future is cancelled leaves it too, and neither ever takes a permit.
 */
public sealed class Semaphore permits BoundedSemaphore {

  private final WaitList<Void> waiters;
  private int value;

  /** A semaphore with one permit. */
  public Semaphore() {
    this(1);
  }

  /**
   * A semaphore with {@code value} permits.
   *
   * @throws IllegalArgumentException if {@code value} is negative
   */
  public Semaphore(int value) {
    this(value, null);
  }

  /**
   * @param operation the name timeouts give, or null for "{@code <class>.acquire}"
   */
  Semaphore(int value, String operation) {
    if (value < 0) {
      throw new IllegalArgumentException("semaphore initial value must be >= 0, got " + value);
    }
    this.value = value;
    this.waiters = WaitList.failingOnTimeout(
        operation != null ? operation : getClass().getSimpleName() + ".acquire");
  }

  /** The permits available now. */
  public int value() {
    return value;
  }

  /** Waits as long as it takes; {@link #acquire(Duration)} with a null timeout. */
  public CompletableFuture<Void> acquire() {
    return acquire(null);
  }

  /**
   * Takes a permit, waiting behind earlier callers if none is available.
   *
   * @param timeout null to wait forever; zero (or negative) to take a permit only if one is
   *     available now, else to get a future already failed with a {@link TimeoutException}
   *     (Tornado 6.6's rule); positive to wait at most that long, measured by the calling thread's
   *     loop
   * @return completed already if a permit was available; else completed when a release hands one
   *     over, or failed with a {@link TimeoutException} naming "Semaphore.acquire" (or
   *     "BoundedSemaphore.acquire") when the timeout passes
   * @throws IllegalStateException if a wait with a positive timeout is needed and no loop runs on
   *     the calling thread
   */
  public CompletableFuture<Void> acquire(Duration timeout) {
    if (value > 0) {
      value--;
      return CompletableFuture.completedFuture(null);
    }
    return waiters.add(timeout);
  }

  /** Returns a permit: to the oldest live waiter, else to the value. */
  public void release() {
    WaitList.Waiter<Void> next = waiters.poll();
    if (next == null) {
      value++;
    } else {
      next.resolve(null);
    }
  }

  /** Callers waiting for a permit; for tests and diagnostics. */
  int waiterCount() {
    return waiters.size();
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + (value == 0 ? "locked" : "unlocked,value:" + value)
        + (waiters.isEmpty() ? "" : ",waiters:" + waiters.size()) + "]";
  }
}
