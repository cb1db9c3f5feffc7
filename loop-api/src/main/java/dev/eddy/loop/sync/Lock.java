package dev.eddy.loop.sync;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

/**
 * A lock for code running on an {@code IOLoop}: Tornado's {@code tornado.locks.Lock}.
 *
 * <p>It starts unlocked; {@link #acquire()} locks it at once if it is free, else returns a future
 * that completes when the lock is handed to this caller. {@link #release()} hands the lock to the
 * oldest waiter (first-in first-out), or unlocks it if none waits. It is not reentrant and has no
 * owner: any code on the loop may release it. The usual shape is
 *
 * <pre>{@code
 * lock.acquire()
 *     .thenCompose(ignored -> criticalSection())
 *     .whenComplete((result, failure) -> lock.release());
 * }</pre>
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
 * {@link #release()} of an unlocked lock throws {@link IllegalStateException} ("release unlocked
 * lock"; Tornado's {@code RuntimeError}). A timed-out {@link #acquire(Duration)} fails its future
 * with a {@link TimeoutException} and leaves the queue; a waiter whose future is cancelled leaves
 * it too, and neither is ever given the lock.
 */
public final class Lock {

  // Tornado's Lock is a semaphore of one permit; so is this one, with its own release rule.
  private final Semaphore permit = new Semaphore(1, "Lock.acquire");

  /** A new, unlocked lock. */
  public Lock() {
  }

  /** True while some caller holds the lock. */
  public boolean isLocked() {
    return permit.value() == 0;
  }

  /** Waits as long as it takes; {@link #acquire(Duration)} with a null timeout. */
  public CompletableFuture<Void> acquire() {
    return acquire(null);
  }

  /**
   * Locks the lock, waiting behind earlier callers if it is held.
   *
   * @param timeout null to wait forever; zero (or negative) to take the lock only if it is free
   *     now, else to get a future already failed with a {@link TimeoutException} (Tornado 6.6's
   *     rule); positive to wait at most that long, measured by the calling thread's loop
   * @return completed already if the lock was free; else completed when the lock is handed over,
   *     or failed with a {@link TimeoutException} naming "Lock.acquire" when the timeout passes
   * @throws IllegalStateException if a wait with a positive timeout is needed and no loop runs on
   *     the calling thread
   */
  public CompletableFuture<Void> acquire(Duration timeout) {
    return permit.acquire(timeout);
  }

  /**
   * Unlocks the lock: the oldest live waiter gets it (and stays locked on its behalf), else the
   * lock becomes free.
   *
   * @throws IllegalStateException "release unlocked lock" if the lock is not held
   */
  public void release() {
    if (!isLocked()) {
      throw new IllegalStateException("release unlocked lock");
    }
    permit.release();
  }

  /** Callers waiting for the lock; for tests and diagnostics. */
  int waiterCount() {
    return permit.waiterCount();
  }

  @Override
  public String toString() {
    int waiting = permit.waiterCount();
    return "Lock[" + (isLocked() ? "locked" : "unlocked")
        + (waiting == 0 ? "" : ", waiters:" + waiting) + "]";
  }
}
