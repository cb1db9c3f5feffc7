package dev.eddy.loop.sync;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Lets code on an {@code IOLoop} wait until other code signals it: Tornado's {@code
 * tornado.locks.Condition}. Like {@code threading.Condition}, but with no lock to hold around the
 * wait: on a single thread there is nothing to protect.
 *
 * <p>Names: Tornado's {@code wait}, {@code notify(n)} and {@code notify_all} are {@link #await()},
 * {@link #signal(int)} and {@link #signalAll()} here, as in {@code
 * java.util.concurrent.locks.Condition}, because {@code Object.wait}, {@code notify} and {@code
 * notifyAll} are final.
 *
 * <h2>Threading</h2>
 * Loop-affine: every method must be called on the thread of the running loop (or by a single
 * thread while no loop runs, for the methods without a timeout), and a returned future must only
 * be cancelled there. Futures are completed on that thread by the call that satisfies them
 * ({@code signal}, or the timer of a timeout), and their non-{@code Async} dependent stages run
 * there: at once, or, when that call is itself made by a dependent of another waiter, right after
 * that dependent returns, so chains of hand-overs never deepen the stack. Every waiter one {@code
 * signal} wakes is chosen before any of their dependents runs, so a dependent that signals again
 * wakes the waiters after them. Add stages with {@code thenRunAsync(action, loop)} to continue on
 * a later iteration, as Tornado's coroutines do. See the package documentation.
 *
 * <h2>Errors</h2>
 * A timeout is not an error here: the future completes with {@code false}, as in Tornado, and the
 * waiter stops waiting, so a later signal goes to the next waiter. A cancelled waiter stops waiting
 * too and is not counted by a signal.
 */
public final class Condition {

  private final WaitList<Boolean> waiters =
      WaitList.completingOnTimeout("Condition.await", Boolean.FALSE);

  /** A new condition with no waiters. */
  public Condition() {
  }

  /** Waits as long as it takes; {@link #await(Duration)} with a null timeout. */
  public CompletableFuture<Boolean> await() {
    return await(null);
  }

  /**
   * Waits for a signal.
   *
   * @param timeout null to wait forever; zero (or negative) for a future already completed with
   *     {@code false}, since nothing can have signalled yet (Tornado 6.6's rule); positive to wait
   *     at most that long, measured by the calling thread's loop
   * @return completes with {@code true} when signalled, {@code false} when the timeout passes
   * @throws IllegalStateException if the timeout is positive and no loop runs on the calling
   *     thread
   */
  public CompletableFuture<Boolean> await(Duration timeout) {
    return waiters.add(timeout);
  }

  /** Wakes the oldest waiter, if any; Tornado's {@code notify()}. */
  public void signal() {
    signal(1);
  }

  /**
   * Wakes the {@code n} oldest waiters (fewer if fewer wait); Tornado's {@code notify(n)}.
   *
   * @throws IllegalArgumentException if {@code n} is negative
   */
  public void signal(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("n must be >= 0, got " + n);
    }
    // Choose all of them before completing any: a woken waiter's dependent may signal again, and
    // must then reach the waiters after these (Tornado's nested-notify rule).
    List<WaitList.Waiter<Boolean>> woken = waiters.poll(n);
    for (WaitList.Waiter<Boolean> w : woken) {
      w.resolve(Boolean.TRUE);
    }
  }

  /** Wakes every waiter; Tornado's {@code notify_all()}. */
  public void signalAll() {
    signal(waiters.size());
  }

  /** Callers waiting for a signal; for tests and diagnostics. */
  int waiterCount() {
    return waiters.size();
  }

  @Override
  public String toString() {
    return "Condition" + (waiters.isEmpty() ? "" : "[waiters[" + waiters.size() + "]]");
  }
}
