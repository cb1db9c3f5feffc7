package dev.eddy.stream;

/**
 * Free lists, one per thread, of the arrays {@link ReadBuffer}s hold, in their two common sizes:
 * {@value #SMALL} bytes (small reads, such as HTTP request heads) and {@value #LARGE} bytes (a
 * full read chunk). A stream whose buffer empties gives its array back, so an idle connection
 * holds no read array at all, and a busy one takes the same arrays round again instead of
 * allocating per message.
 *
 * <p>At most {@value #SMALL_KEPT} small and {@value #LARGE_KEPT} large arrays are kept per thread
 * (2 MiB); more are left to the garbage collector, and so are arrays of other sizes. An array may
 * be taken on one thread and given back on another: it joins that thread's list. Used only by the
 * thread that calls it (a loop thread, usually), so no locking.
 */
final class ReadArrays {

  static final int SMALL = 4096;
  static final int LARGE = 64 * 1024;
  private static final int SMALL_KEPT = 256;
  private static final int LARGE_KEPT = 16;

  private static final ThreadLocal<ReadArrays> LOCAL = ThreadLocal.withInitial(ReadArrays::new);

  private final byte[][] small = new byte[SMALL_KEPT][];
  private final byte[][] large = new byte[LARGE_KEPT][];
  private int smallCount;
  private int largeCount;

  private ReadArrays() {}

  /** An array of exactly {@code size} bytes, from the list when it has one (contents undefined). */
  static byte[] take(int size) {
    if (size == SMALL || size == LARGE) {
      ReadArrays lists = LOCAL.get();
      if (size == SMALL && lists.smallCount > 0) {
        byte[] a = lists.small[--lists.smallCount];
        lists.small[lists.smallCount] = null;
        return a;
      }
      if (size == LARGE && lists.largeCount > 0) {
        byte[] a = lists.large[--lists.largeCount];
        lists.large[lists.largeCount] = null;
        return a;
      }
    }
    return new byte[size];
  }

  /** Gives {@code array} back; the caller must not use it any more. */
  static void give(byte[] array) {
    if (array.length != SMALL && array.length != LARGE) {
      return;
    }
    ReadArrays lists = LOCAL.get();
    if (array.length == SMALL && lists.smallCount < SMALL_KEPT) {
      lists.small[lists.smallCount++] = array;
    } else if (array.length == LARGE && lists.largeCount < LARGE_KEPT) {
      lists.large[lists.largeCount++] = array;
    }
  }
}
