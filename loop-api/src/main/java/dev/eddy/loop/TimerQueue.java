package dev.eddy.loop;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The loop's timers: a binary heap ordered by deadline, then by scheduling order, so that equal
 * deadlines run first-in first-out. Cancellation is lazy (Tornado's PollIOLoop): a cancelled entry
 * stays in the heap until popped, unless more than {@value #COMPACT_MIN} entries, and more than
 * half of the heap, are cancelled; then the heap is rebuilt without them and its array shrunk.
 * Not thread-safe: the loop's thread only.
 */
final class TimerQueue {

  static final int COMPACT_MIN = 512;
  private static final int MIN_CAPACITY = 64;

  private Timeout[] heap = new Timeout[MIN_CAPACITY];
  private int size;
  private int cancellations;
  private long nextSequence;

  Timeout schedule(IOLoop loop, long deadline, Runnable callback) {
    Timeout t = new Timeout(loop, this, deadline, nextSequence++, callback);
    if (size == heap.length) {
      heap = Arrays.copyOf(heap, size * 2);
    }
    siftUp(size++, t);
    return t;
  }

  /** Number of entries, cancelled ones not yet removed included. */
  int size() {
    return size;
  }

  /** Called by {@link Timeout#cancel()} for an entry still in the heap. */
  void cancelled() {
    cancellations++;
    if (cancellations > COMPACT_MIN && cancellations > size / 2) {
      compact();
    }
  }

  /** True if no live timer is left; drops cancelled entries from the top of the heap first. */
  boolean isEmpty() {
    dropCancelledTop();
    return size == 0;
  }

  /** Earliest live deadline; call only when {@link #isEmpty()} is false. */
  long firstDeadline() {
    return heap[0].deadline;
  }

  /** Moves every live timer whose deadline is at or before {@code now} into {@code due}. */
  void popDue(long now, List<Timeout> due) {
    while (size > 0) {
      Timeout top = heap[0];
      if (top.callback == null) {
        top.inHeap = false;
        removeTop();
        cancellations--;
        continue;
      }
      if (top.deadline - now > 0) {
        return;
      }
      removeTop();
      top.inHeap = false;
      due.add(top);
    }
  }

  void clear() {
    for (int i = 0; i < size; i++) {
      heap[i].callback = null;
      heap[i].inHeap = false;
      heap[i] = null;
    }
    size = 0;
    cancellations = 0;
    heap = new Timeout[MIN_CAPACITY];
  }

  private void dropCancelledTop() {
    while (size > 0 && heap[0].callback == null) {
      heap[0].inHeap = false;
      removeTop();
      cancellations--;
    }
  }

  private void removeTop() {
    Timeout last = heap[--size];
    heap[size] = null;
    if (size > 0) {
      siftDown(0, last);
    }
  }

  private void compact() {
    List<Timeout> live = new ArrayList<>(size - cancellations);
    for (int i = 0; i < size; i++) {
      if (heap[i].callback != null) {
        live.add(heap[i]);
      } else {
        heap[i].inHeap = false;
      }
    }
    int capacity = MIN_CAPACITY;
    while (capacity < live.size() * 2) {
      capacity *= 2;
    }
    heap = live.toArray(new Timeout[capacity]);
    size = live.size();
    cancellations = 0;
    for (int i = (size >>> 1) - 1; i >= 0; i--) {
      siftDown(i, heap[i]);
    }
  }

  private void siftUp(int k, Timeout t) {
    while (k > 0) {
      int parent = (k - 1) >>> 1;
      Timeout p = heap[parent];
      if (!t.before(p)) {
        break;
      }
      heap[k] = p;
      k = parent;
    }
    heap[k] = t;
  }

  private void siftDown(int k, Timeout t) {
    int half = size >>> 1;
    while (k < half) {
      int child = 2 * k + 1;
      Timeout c = heap[child];
      int right = child + 1;
      if (right < size && heap[right].before(c)) {
        child = right;
        c = heap[child];
      }
      if (!c.before(t)) {
        break;
      }
      heap[k] = c;
      k = child;
    }
    heap[k] = t;
  }
}
