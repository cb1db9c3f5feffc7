package dev.eddy.loop;

/**
 * A callback scheduled by {@link IOLoop#callLater} or {@link IOLoop#callAt}; cancel it with
 * {@link #cancel()} or {@link IOLoop#removeTimeout}.
 *
 * <p>Threading: cancel on the loop's thread (or while the loop is not running). Cancelling a
 * timeout that already ran or was cancelled does nothing.
 */
public final class Timeout {

  final long deadline;
  final long sequence;
  Runnable callback;
  /** True while the entry is in the heap: a due timer popped for running is no longer. */
  boolean inHeap = true;
  private final IOLoop loop;
  private final TimerQueue queue;

  Timeout(IOLoop loop, TimerQueue queue, long deadline, long sequence, Runnable callback) {
    this.loop = loop;
    this.queue = queue;
    this.deadline = deadline;
    this.sequence = sequence;
    this.callback = callback;
  }

  /** The deadline on the loop's clock ({@link IOLoop#time()}, nanoseconds). */
  public long deadline() {
    return deadline;
  }

  /** True if the callback has not yet run and was not cancelled. */
  public boolean isPending() {
    return callback != null;
  }

  /**
   * Cancels the callback if it has not yet run.
   *
   * @throws IllegalStateException if called off the loop's thread while the loop runs
   */
  public void cancel() {
    loop.checkAffinity("Timeout.cancel");
    if (callback != null) {
      callback = null;
      if (inHeap) {
        queue.cancelled(); // a due timer already popped is not in the heap's count
      }
    }
  }

  boolean before(Timeout other) {
    if (deadline != other.deadline) {
      // Subtraction, not <, so that deadlines around nanoTime's wrap still order correctly.
      return deadline - other.deadline < 0;
    }
    return sequence < other.sequence;
  }

  @Override
  public String toString() {
    return "Timeout[deadline=" + deadline + (callback == null ? ", done" : ", " + callback) + "]";
  }
}
