package dev.eddy.loop.sync;

import java.util.ArrayDeque;
import java.util.Collections;

/**
 * A {@link Queue} that gives the most recently put item first: Tornado's {@code
 * tornado.queues.LifoQueue}. Waiting getters and putters are still served first-in first-out; only
 * the items are last-in first-out.
 *
 * <p>Threading, timeouts and errors are those of {@link Queue}: loop-affine.
 *
 * @param <T> the items' type
 */
public final class LifoQueue<T> extends Queue<T> {

  /** An unbounded stack. */
  public LifoQueue() {
    this(0);
  }

  /**
   * A stack of at most {@code maxsize} items; 0 for unbounded.
   *
   * @throws IllegalArgumentException if {@code maxsize} is negative
   */
  public LifoQueue(int maxsize) {
    super(maxsize, Collections.asLifoQueue(new ArrayDeque<>()));
  }
}
