package dev.eddy.loop.sync;

import java.util.Comparator;
import java.util.Objects;

/**
 * A {@link Queue} that gives its items smallest first: Tornado's {@code
 * tornado.queues.PriorityQueue}. The order is the comparator's, or the items' natural order; items
 * that compare equal come out in no particular order (a binary heap, like Python's {@code heapq}).
 * Typical items are records such as {@code (priority, payload)} with a comparator on the priority.
 *
 * <p>Threading, timeouts and errors are those of {@link Queue}: loop-affine. With the natural
 * order, an item that is not {@link Comparable} (or not comparable with the others) is refused with
 * a {@link ClassCastException} by {@link #put} and {@link #putNoWait}.
 *
 * @param <T> the items' type
 */
public final class PriorityQueue<T> extends Queue<T> {

  /** An unbounded queue in the items' natural order. */
  public PriorityQueue() {
    this(0);
  }

  /**
   * A queue of at most {@code maxsize} items (0 for unbounded) in the items' natural order.
   *
   * @throws IllegalArgumentException if {@code maxsize} is negative
   */
  public PriorityQueue(int maxsize) {
    super(maxsize, new java.util.PriorityQueue<>());
  }

  /** An unbounded queue in {@code comparator}'s order. */
  public PriorityQueue(Comparator<? super T> comparator) {
    this(0, comparator);
  }

  /**
   * A queue of at most {@code maxsize} items (0 for unbounded) in {@code comparator}'s order.
   *
   * @throws IllegalArgumentException if {@code maxsize} is negative
   */
  public PriorityQueue(int maxsize, Comparator<? super T> comparator) {
    super(maxsize, new java.util.PriorityQueue<>(Objects.requireNonNull(comparator,
        "comparator")));
  }
}
