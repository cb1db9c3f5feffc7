package dev.eddy.stream;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;

/**
 * The bytes a stream has been given to write and not yet handed to the kernel, and the futures of
 * those writes. Buffers are queued as given (no copy: the caller hands them over), written with one
 * gathering call of up to {@value #GATHER} buffers, and a write's future completes when the total
 * written reaches the total queued just after it: Tornado's write-index bookkeeping.
 *
 * <p>Owned by one stream, on its loop thread. The gathering array is one per thread, shared by
 * the thread's streams: it is filled, written and emptied within one call ({@link #gather}, the
 * write, {@link #advance}), so an idle stream holds none.
 */
final class WriteQueue {

  /** Buffers handed to one gathering write. */
  static final int GATHER = 64;

  private ByteBuffer[] ring = new ByteBuffer[8];
  private int ringHead;
  private int ringCount;
  private static final ThreadLocal<ByteBuffer[]> GATHERED =
      ThreadLocal.withInitial(() -> new ByteBuffer[GATHER]);

  private ByteBuffer[] gather;
  private long queued;
  private long written;
  private long[] marks = new long[8];
  private Object[] futures = new Object[8];
  private int head;
  private int count;

  /** Bytes queued and not yet written. */
  long pending() {
    return queued - written;
  }

  boolean isEmpty() {
    return queued == written;
  }

  /**
   * Queues {@code data} (position to limit) and the future to complete once it is written (null:
   * none, the data belongs to a later buffer's future).
   */
  void add(ByteBuffer data, CompletableFuture<Void> future) {
    if (data.hasRemaining()) {
      if (ringCount == ring.length) {
        ByteBuffer[] bigger = new ByteBuffer[ring.length * 2];
        for (int i = 0; i < ringCount; i++) {
          bigger[i] = ring[(ringHead + i) % ring.length];
        }
        ring = bigger;
        ringHead = 0;
      }
      ring[(ringHead + ringCount) % ring.length] = data;
      ringCount++;
      queued += data.remaining();
    }
    if (future == null) {
      return;
    }
    if (count == marks.length) {
      grow();
    }
    int i = (head + count) % marks.length;
    marks[i] = queued;
    futures[i] = future;
    count++;
  }

  /** Fills {@link #gathered()} from the head of the queue; returns how many buffers it holds. */
  int gather() {
    gather = GATHERED.get();
    int n = Math.min(ringCount, GATHER);
    for (int i = 0; i < n; i++) {
      gather[i] = ring[(ringHead + i) % ring.length];
    }
    return n;
  }

  /** The array {@link #gather()} filled. */
  ByteBuffer[] gathered() {
    return gather;
  }

  /** Records that {@code n} bytes of the gathered buffers were written; drops finished ones. */
  void advance(long n) {
    written += n;
    while (ringCount > 0 && !ring[ringHead].hasRemaining()) {
      ring[ringHead] = null;
      ringHead = (ringHead + 1) % ring.length;
      ringCount--;
    }
    if (gather != null) {
      for (int i = 0; i < GATHER && gather[i] != null; i++) {
        gather[i] = null;
      }
      gather = null;
    }
  }

  /**
   * Removes and returns the next future whose data is all written, or null. The caller completes
   * it (after its own state is consistent: a dependent may write again).
   */
  @SuppressWarnings("unchecked")
  CompletableFuture<Void> pollDone() {
    if (count == 0 || marks[head] > written) {
      return null;
    }
    CompletableFuture<Void> f = (CompletableFuture<Void>) futures[head];
    futures[head] = null;
    head = (head + 1) % marks.length;
    count--;
    return f;
  }

  /** Removes and returns the next future whatever its state (the stream is closing), or null. */
  @SuppressWarnings("unchecked")
  CompletableFuture<Void> pollAny() {
    if (count == 0) {
      return null;
    }
    CompletableFuture<Void> f = (CompletableFuture<Void>) futures[head];
    futures[head] = null;
    head = (head + 1) % marks.length;
    count--;
    return f;
  }

  /** Drops the queued bytes (the stream is closed). */
  void clearBuffers() {
    for (int i = 0; i < ringCount; i++) {
      ring[(ringHead + i) % ring.length] = null;
    }
    ringCount = 0;
    written = queued;
  }

  private void grow() {
    long[] m = new long[marks.length * 2];
    Object[] f = new Object[marks.length * 2];
    for (int i = 0; i < count; i++) {
      m[i] = marks[(head + i) % marks.length];
      f[i] = futures[(head + i) % marks.length];
    }
    marks = m;
    futures = f;
    head = 0;
  }
}
