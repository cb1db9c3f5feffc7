package dev.eddy.loop.sync;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

/**
 * A queue that coordinates producers and consumers running on an {@code IOLoop}: Tornado's {@code
 * tornado.queues.Queue}, first-in first-out. {@link PriorityQueue} and {@link LifoQueue} change
 * only the order in which items come out.
 *
 * <p>With {@code maxsize} 0 the queue is unbounded and {@link #put} never waits. Otherwise a put
 * into a full queue waits until a get makes room; a get from an empty queue waits until a put
 * brings an item. Waiting putters and getters are each served first-in first-out. When a get
 * meets waiting putters, the oldest putter's item goes into the queue first and then the get takes
 * the item the queue's order gives (Tornado's {@code get_nowait}); a put that meets waiting
 * getters hands its item, through the queue, to the oldest getter.
 *
 * <p>Every item put counts as an unfinished task until a consumer calls {@link #taskDone()} for
 * it; {@link #join()} waits until none is left.
 *
 * <p>Names: Tornado's {@code put_nowait}, {@code get_nowait}, {@code task_done}, {@code empty} and
 * {@code full} are {@link #putNoWait}, {@link #getNoWait}, {@link #taskDone}, {@link #isEmpty}
 * and {@link #isFull}.
 *
 * <p>The order is the storage's: a subclass passes a {@link java.util.Queue} whose {@code offer}
 * and {@code poll} are Tornado's {@code _put} and {@code _get} hooks, and whose creation is
 * {@code _init}.
 *
 * <h2>Threading</h2>
 * Loop-affine and not thread-safe, like Tornado's queues: every method must be called on the
 * thread of the running loop (or by a single thread while no loop runs, for the methods without a
 * timeout), and a returned future must only be cancelled there. To feed a queue from another
 * thread, go through {@code IOLoop.addCallback}. Futures are completed on the loop's thread by the
 * call that satisfies them (a put, a get, {@link #taskDone()}, or the timer of a timeout) once the
 * queue's state is final, and their non-{@code Async} dependent stages run there and may use the
 * queue again: at once, or, when that call is itself made by a dependent of another waiter, right
 * after that dependent returns. Add stages with {@code thenRunAsync(action, loop)} to continue on
 * a later iteration, as Tornado's coroutines do. See the package documentation.
 *
 * <h2>Errors</h2>
 * <ul>
 *   <li>A negative {@code maxsize} is an {@link IllegalArgumentException}; a null item a {@link
 *       NullPointerException}.</li>
 *   <li>{@link #putNoWait} on a full queue throws {@link QueueFullException}; {@link #getNoWait}
 *       on an empty one throws {@link QueueEmptyException}.</li>
 *   <li>{@link #put(Object, Duration)}, {@link #get(Duration)} and {@link #join(Duration)} fail
 *       their future with a {@link TimeoutException} when the timeout passes; a timed-out or
 *       cancelled putter's item is never put, and a timed-out or cancelled getter is never given
 *       an item.</li>
 *   <li>{@link #taskDone()} called more often than items were put throws {@link
 *       IllegalStateException} ("taskDone() called too many times"; Tornado's {@code
 *       ValueError}).</li>
 *   <li>If the storage refuses an item (a {@link PriorityQueue} asked to compare items that are
 *       not comparable), {@link #put} and {@link #putNoWait} throw its exception, the item not
 *       counted as a task and no getter served; a waiting putter whose item is refused when it
 *       would move in has its future failed with that exception, and the get goes on.</li>
 * </ul>
 *
 * @param <T> the items' type
 */
public sealed class Queue<T> permits PriorityQueue, LifoQueue {

  private final int maxsize;
  private final java.util.Queue<T> items;
  private final WaitList<T> getters;
  private final WaitList<Void> putters;
  private final Event finished;
  private int unfinishedTasks;

  /** An unbounded queue. */
  public Queue() {
    this(0);
  }

  /**
   * A queue of at most {@code maxsize} items; 0 for unbounded.
   *
   * @throws IllegalArgumentException if {@code maxsize} is negative
   */
  public Queue(int maxsize) {
    this(maxsize, new ArrayDeque<>());
  }

  /**
   * A queue over {@code items}, an empty storage that gives the order.
   *
   * @throws IllegalArgumentException if {@code maxsize} is negative
   */
  Queue(int maxsize, java.util.Queue<T> items) {
    if (maxsize < 0) {
      throw new IllegalArgumentException("maxsize can't be negative, got " + maxsize);
    }
    this.maxsize = maxsize;
    this.items = items;
    String name = getClass().getSimpleName();
    this.getters = WaitList.failingOnTimeout(name + ".get");
    this.putters = WaitList.failingOnTimeout(name + ".put");
    this.finished = new Event(name + ".join");
    this.finished.set();
  }

  /** The most items the queue holds; 0 for unbounded. */
  public int maxsize() {
    return maxsize;
  }

  /** The number of items in the queue (items of waiting putters not included). */
  public int qsize() {
    return items.size();
  }

  /** True if the queue holds no item. */
  public boolean isEmpty() {
    return items.isEmpty();
  }

  /** True if the queue is bounded and holds {@link #maxsize()} items (never for unbounded). */
  public boolean isFull() {
    return maxsize > 0 && items.size() >= maxsize;
  }

  /** Waits as long as it takes; {@link #put(Object, Duration)} with a null timeout. */
  public CompletableFuture<Void> put(T item) {
    return put(item, null);
  }

  /**
   * Puts an item into the queue, waiting for room if it is full.
   *
   * @param timeout null to wait forever; zero (or negative) to put only if there is room now,
   *     else to get a future already failed with a {@link TimeoutException} (Tornado 6.6's rule);
   *     positive to wait at most that long, measured by the calling thread's loop
   * @return completed already if the item went in; else completed when it does, or failed with a
   *     {@link TimeoutException} naming "Queue.put" when the timeout passes, the item then never
   *     going in
   * @throws NullPointerException if {@code item} is null
   * @throws IllegalStateException if a wait with a positive timeout is needed and no loop runs on
   *     the calling thread
   */
  public CompletableFuture<Void> put(T item, Duration timeout) {
    Objects.requireNonNull(item, "item");
    if (offer(item)) {
      return CompletableFuture.completedFuture(null);
    }
    return putters.add(item, timeout);
  }

  /**
   * Puts an item into the queue if there is room now.
   *
   * @throws QueueFullException if the queue is full
   * @throws NullPointerException if {@code item} is null
   */
  public void putNoWait(T item) {
    Objects.requireNonNull(item, "item");
    if (!offer(item)) {
      throw new QueueFullException(getClass().getSimpleName() + " is full (maxsize " + maxsize
          + ")");
    }
  }

  /** Waits as long as it takes; {@link #get(Duration)} with a null timeout. */
  public CompletableFuture<T> get() {
    return get(null);
  }

  /**
   * Removes and returns an item, waiting for one if the queue is empty.
   *
   * @param timeout null to wait forever; zero (or negative) to take an item only if one is there
   *     now, else to get a future already failed with a {@link TimeoutException} (Tornado 6.6's
   *     rule); positive to wait at most that long, measured by the calling thread's loop
   * @return completed already with an item if there was one; else completed with the item a later
   *     put brings, or failed with a {@link TimeoutException} naming "Queue.get" when the timeout
   *     passes
   * @throws IllegalStateException if a wait with a positive timeout is needed and no loop runs on
   *     the calling thread
   */
  public CompletableFuture<T> get(Duration timeout) {
    T item = poll();
    if (item != null) {
      return CompletableFuture.completedFuture(item);
    }
    return getters.add(timeout);
  }

  /**
   * Removes and returns an item if one is there now.
   *
   * @throws QueueEmptyException if there is none
   */
  public T getNoWait() {
    T item = poll();
    if (item == null) {
      throw new QueueEmptyException(getClass().getSimpleName() + " is empty");
    }
    return item;
  }

  /**
   * Marks one item taken from the queue as processed. When every item put has been matched by a
   * call to this method, pending {@link #join()}s complete.
   *
   * @throws IllegalStateException "taskDone() called too many times" if no task is unfinished
   */
  public void taskDone() {
    if (unfinishedTasks <= 0) {
      throw new IllegalStateException("taskDone() called too many times");
    }
    if (--unfinishedTasks == 0) {
      finished.set();
    }
  }

  /** Waits as long as it takes; {@link #join(Duration)} with a null timeout. */
  public CompletableFuture<Void> join() {
    return join(null);
  }

  /**
   * Waits until every item put has been processed: until {@link #taskDone()} has been called once
   * for each.
   *
   * @param timeout null to wait forever; zero (or negative) for an immediate check (a future
   *     already failed with a {@link TimeoutException} if tasks are unfinished); positive to wait
   *     at most that long, measured by the calling thread's loop
   * @return completed when no task is unfinished, or failed with a {@link TimeoutException} naming
   *     "Queue.join" when the timeout passes
   * @throws IllegalStateException if a wait with a positive timeout is needed and no loop runs on
   *     the calling thread
   */
  public CompletableFuture<Void> join(Duration timeout) {
    return finished.await(timeout);
  }

  /** Puts the item in if there is room (Tornado's {@code put_nowait}); false if full. */
  private boolean offer(T item) {
    // Getters wait only while the queue is empty, so a queue with getters is never full. The item
    // goes through the storage even then, as in Tornado, and before any getter is taken out, so
    // that a storage that refuses it leaves every getter waiting.
    if (isFull()) {
      return false;
    }
    store(item);
    WaitList.Waiter<T> getter = getters.poll();
    if (getter != null) {
      getter.resolve(items.poll());
    }
    return true;
  }

  /** Takes an item out (Tornado's {@code get_nowait}); null if there is none. */
  private T poll() {
    // Putters wait only while the queue is full: move the oldest one's item in first, then take
    // what the order gives; the putter is told only once the queue is back in a steady state.
    WaitList.Waiter<Void> putter;
    while ((putter = putters.poll()) != null) {
      @SuppressWarnings("unchecked") // put(T, Duration) is the only producer of putters' items
      T waiting = (T) putter.item;
      try {
        store(waiting);
      } catch (RuntimeException refused) {
        putter.fail(refused);
        continue;
      }
      T item = items.poll();
      putter.resolve(null);
      return item;
    }
    return items.poll();
  }

  private void store(T item) {
    items.add(item); // first, so that a refused item is not counted as a task
    unfinishedTasks++;
    finished.clear();
  }

  /** Getters waiting for an item; for tests and diagnostics. */
  int getterCount() {
    return getters.size();
  }

  /** Putters waiting for room; for tests and diagnostics. */
  int putterCount() {
    return putters.size();
  }

  /** Items put and not yet matched by {@link #taskDone()}; for tests and diagnostics. */
  int unfinishedTasks() {
    return unfinishedTasks;
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder(getClass().getSimpleName()).append("[maxsize=")
        .append(maxsize);
    if (!items.isEmpty()) {
      s.append(" queue=").append(items);
    }
    if (!getters.isEmpty()) {
      s.append(" getters[").append(getters.size()).append(']');
    }
    if (!putters.isEmpty()) {
      s.append(" putters[").append(putters.size()).append(']');
    }
    if (unfinishedTasks > 0) {
      s.append(" tasks=").append(unfinishedTasks);
    }
    return s.append(']').toString();
  }
}
