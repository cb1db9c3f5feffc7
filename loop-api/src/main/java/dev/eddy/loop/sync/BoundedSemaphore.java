package dev.eddy.loop.sync;

/**
 * A {@link Semaphore} that may not be released past its initial value: Tornado's {@code
 * tornado.locks.BoundedSemaphore}. Semaphores mostly guard resources of fixed capacity, so a
 * release without a matching acquire is a bug, reported here rather than silently growing the
 * capacity.
 *
 * <p>Threading and timeouts are those of {@link Semaphore}: loop-affine.
 *
 * <h2>Errors</h2>
 * {@link #release()} when the value is already the initial value throws {@link
 * IllegalStateException} ("Semaphore released too many times"; Tornado's {@code ValueError}) and
 * changes nothing.
 */
public final class BoundedSemaphore extends Semaphore {

  private final int initialValue;

  /** A bounded semaphore with one permit. */
  public BoundedSemaphore() {
    this(1);
  }

  /**
   * A bounded semaphore with {@code value} permits, which is also its bound.
   *
   * @throws IllegalArgumentException if {@code value} is negative
   */
  public BoundedSemaphore(int value) {
    super(value);
    this.initialValue = value;
  }

  /**
   * Returns a permit, as {@link Semaphore#release()} does.
   *
   * @throws IllegalStateException "Semaphore released too many times" if the value is already
   *     the initial value
   */
  @Override
  public void release() {
    // Waiters exist only while the value is 0, so this never refuses a release that would wake one
    // (unless the initial value is 0, where every release is one too many).
    if (value() >= initialValue) {
      throw new IllegalStateException("Semaphore released too many times");
    }
    super.release();
  }
}
