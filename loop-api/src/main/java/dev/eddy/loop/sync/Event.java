package dev.eddy.loop.sync;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

/**
 * A flag that code on an {@code IOLoop} can wait for: Tornado's {@code tornado.locks.Event}.
 *
 * <p>It starts clear. {@link #set()} sets it and completes every pending {@link #await()};
 * while it is set, {@link #await()} returns a completed future; {@link #clear()} clears it again
 * without touching anyone. Each {@code await} gets its own future, so cancelling one affects no
 * other waiter (as in Tornado 5.1 and later).
 *
 * <p>Tornado's {@code wait} is named {@code await} here, because {@code Object.wait()} is final.
 *
 * <h2>Threading</h2>
 * Loop-affine: every method must be called on the thread of the running loop (or by a single thread
 * while no loop runs, for the methods without a timeout), and a returned future must only be
 * cancelled there. Futures are completed on that thread by the call that satisfies them ({@link
 * #set()}), and their non-{@code Async} dependent stages run there: at once, or, when that call is
 * itself made by a dependent of another waiter, right after that dependent returns, so chains of
 * hand-overs never deepen the stack. Add stages with {@code thenRunAsync(action, loop)} to continue
 * on a later iteration, as Tornado's coroutines do. See the package documentation.
 *
 * <h2>Errors</h2>
 * A timed-out {@link #await(Duration)} fails its future with a {@link TimeoutException} and stops
 * waiting; so does a cancelled one. Neither changes the flag.
 */
public final class Event {

  private final WaitList<Void> waiters;
  private boolean set;

  /** A new, clear event. */
  public Event() {
    this("Event.await");
  }

  /** A clear event whose timeouts name {@code operation} (a queue's "Queue.join"). */
  Event(String operation) {
    this.waiters = WaitList.failingOnTimeout(operation);
  }

  /** True while the flag is set. */
  public boolean isSet() {
    return set;
  }

  /**
   * Sets the flag and completes every pending {@link #await()}, oldest first. Does nothing if the
   * flag is set already. A waiter's dependent that clears the flag and waits again is not woken by
   * this call.
   */
  public void set() {
    if (set) {
      return;
    }
    set = true;
    List<WaitList.Waiter<Void>> woken = waiters.poll(waiters.size());
    for (WaitList.Waiter<Void> w : woken) {
      w.resolve(null);
    }
  }

  /** Clears the flag: later {@link #await()} calls wait for the next {@link #set()}. */
  public void clear() {
    set = false;
  }

  /** Waits as long as it takes; {@link #await(Duration)} with a null timeout. */
  public CompletableFuture<Void> await() {
    return await(null);
  }

  /**
   * Waits until the flag is set.
   *
   * @param timeout null to wait forever; zero (or negative) to check the flag only, getting a
   *     future already failed with a {@link TimeoutException} if it is clear (Tornado 6.6's rule);
   *     positive to wait at most that long, measured by the calling thread's loop
   * @return completed already if the flag is set; else completed by {@link #set()}, or failed
   *     with a {@link TimeoutException} naming "Event.await" when the timeout passes
   * @throws IllegalStateException if a wait with a positive timeout is needed and no loop runs on
   *     the calling thread
   */
  public CompletableFuture<Void> await(Duration timeout) {
    if (set) {
      return CompletableFuture.completedFuture(null);
    }
    return waiters.add(timeout);
  }

  /** Callers waiting for the flag; for tests and diagnostics. */
  int waiterCount() {
    return waiters.size();
  }

  @Override
  public String toString() {
    return "Event[" + (set ? "set" : "clear")
        + (waiters.isEmpty() ? "" : ", waiters[" + waiters.size() + "]") + "]";
  }
}
