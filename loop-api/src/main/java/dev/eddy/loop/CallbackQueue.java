package dev.eddy.loop;

import java.util.ArrayDeque;

/**
 * The loop's callback queue: any thread adds, the loop's thread takes everything queued so far in
 * one swap, so callbacks added while those run wait for the next iteration (Tornado's rule against
 * starving I/O). The two deques are swapped, never reallocated: adding allocates nothing once they
 * have grown.
 */
final class CallbackQueue {

  private ArrayDeque<Runnable> pending = new ArrayDeque<>(64);
  private ArrayDeque<Runnable> draining = new ArrayDeque<>(64);

  synchronized void add(Runnable callback) {
    pending.addLast(callback);
  }

  synchronized boolean hasPending() {
    return !pending.isEmpty();
  }

  /**
   * Takes the callbacks queued so far. The returned deque is the loop's to drain before the next
   * call; later additions go to the other one.
   */
  synchronized ArrayDeque<Runnable> takeAll() {
    ArrayDeque<Runnable> taken = pending;
    pending = draining;
    draining = taken;
    return taken;
  }

  synchronized void clear() {
    pending.clear();
    draining.clear();
  }
}
