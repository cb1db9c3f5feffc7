package dev.eddy.loop.epoll.netty;

import dev.eddy.loop.spi.PollEvents;

/**
 * The ready keys of a poller in the order they get their turn, so that a caller's buffer smaller
 * than the number of ready handles still sees every one of them in turn.
 *
 * <p>Why: Netty's handler hands over everything one {@code epoll_wait} returned (its array starts
 * at 4,096 entries and grows), whatever the capacity of the caller's buffer, always in the
 * kernel's order: level-triggered epoll puts each reported descriptor back at the tail of its
 * ready list in the order reported, so the order never changes. Filling the buffer straight from
 * Netty would report the same first descriptors at every poll and starve the rest for as long as
 * those stay ready. This queue does what the kernel does when {@code maxevents} is the buffer's
 * capacity (as the epoll-jna backend passes it): keys not delivered keep their place at the head,
 * delivered ones go to the tail in the order they were delivered. The result is a round robin.
 *
 * <p>One poll is: {@link #startRun()}; Netty's {@code run}, which {@link #offer}s every key the
 * kernel reports; {@link #drainInto} the caller's buffer. A queued key the kernel did not report
 * in the last run is no longer ready and is dropped, as is a key no longer valid (stale). A
 * delivered key stays queued, at the tail, until the next run says whether it is still ready;
 * only keys left undelivered make the next poll non-blocking ({@link #hasUndelivered()}).
 *
 * <p>A ring of (key, events); a key is in it at most once and knows its slot ({@link
 * NettyKey#queued}). It grows by doubling and never shrinks, so nothing is allocated per event
 * once it has reached the poller's high-water mark. Used on the polling thread only.
 */
final class ReadyQueue {

  private NettyKey[] keys = new NettyKey[16];
  private int[] events = new int[16];
  private int head;
  private int size;
  /** The number of the current run; a key offered in it carries it ({@link NettyKey#seen}). */
  private long run;
  private int undelivered;

  /** The number of queued keys. */
  int size() {
    return size;
  }

  /** True if the last drain left ready keys undelivered: the next poll must not wait. */
  boolean hasUndelivered() {
    return undelivered > 0;
  }

  /** Begins a run of Netty's handler: keys not offered from now on are taken as not ready. */
  void startRun() {
    run++;
  }

  /** A key the kernel reports ready: queued at the tail, or its readiness updated in place. */
  void offer(NettyKey key, int readyEvents) {
    key.seen = run;
    if (key.queued >= 0) {
      events[key.queued] = readyEvents;
    } else {
      append(key, readyEvents);
    }
  }

  /**
   * Delivers keys from the head into {@code out} until it is full or each queued key has been
   * looked at once; a delivered key goes back to the tail. Keys no longer valid, or not reported
   * by the last run, are dropped.
   */
  void drainInto(PollEvents out) {
    int left = size;
    while (left > 0 && !out.isFull()) {
      left--;
      NettyKey key = keys[head];
      int ready = events[head];
      keys[head] = null;
      head = (head + 1) & (keys.length - 1);
      size--;
      key.queued = -1;
      if (key.isValid() && key.seen == run) {
        out.add(key, ready);
        append(key, ready);
      }
    }
    undelivered = left;
  }

  /** Forgets every queued key. */
  void clear() {
    while (size > 0) {
      keys[head].queued = -1;
      keys[head] = null;
      head = (head + 1) & (keys.length - 1);
      size--;
    }
    head = 0;
    undelivered = 0;
  }

  private void append(NettyKey key, int readyEvents) {
    if (size == keys.length) {
      grow();
    }
    int tail = (head + size) & (keys.length - 1);
    keys[tail] = key;
    events[tail] = readyEvents;
    key.queued = tail;
    size++;
  }

  private void grow() {
    int n = keys.length;
    NettyKey[] k = new NettyKey[n * 2];
    int[] e = new int[n * 2];
    for (int i = 0; i < size; i++) {
      k[i] = keys[(head + i) & (n - 1)];
      e[i] = events[(head + i) & (n - 1)];
      k[i].queued = i;
    }
    keys = k;
    events = e;
    head = 0;
  }
}
