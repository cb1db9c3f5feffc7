package dev.eddy.loop.epoll.netty;

import java.nio.ByteBuffer;

/**
 * A direct scratch buffer per thread, through which heap buffers are read and written: Netty's
 * native I/O takes the address of a direct buffer, and a heap buffer there fails with {@code
 * EFAULT} ("Bad address"). A heap buffer therefore costs one copy and moves at most {@link
 * #SIZE} bytes per call, which the non-blocking contract allows (a short read or write is normal).
 *
 * <p>Per thread rather than per handle: handles are used by one thread at a time and the copy
 * never outlives the call, while thousands of sockets each holding 64 KiB would not do.
 */
final class HeapBuffers {

  /** The scratch size: also the most a call moves to or from heap buffers. */
  static final int SIZE = 64 * 1024;

  private static final ThreadLocal<ByteBuffer> SCRATCH =
      ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(SIZE));

  private HeapBuffers() {}

  /** This thread's scratch buffer, cleared. */
  static ByteBuffer scratch() {
    return SCRATCH.get().clear();
  }

  /**
   * Copies up to {@link #SIZE} bytes from {@code srcs[offset .. offset+length)}, in order, into
   * this thread's scratch buffer without moving the sources' positions.
   *
   * @return the scratch buffer, flipped: its remaining bytes are the ones to write
   */
  static ByteBuffer gather(ByteBuffer[] srcs, int offset, int length) {
    ByteBuffer scratch = scratch();
    for (int i = offset; i < offset + length && scratch.hasRemaining(); i++) {
      ByteBuffer src = srcs[i];
      int n = Math.min(src.remaining(), scratch.remaining());
      scratch.put(scratch.position(), src, src.position(), n);
      scratch.position(scratch.position() + n);
    }
    return scratch.flip();
  }

  /** Moves the positions of {@code srcs[offset ..]} past {@code written} bytes, in order. */
  static void advance(ByteBuffer[] srcs, int offset, int length, long written) {
    long left = written;
    for (int i = offset; i < offset + length && left > 0; i++) {
      ByteBuffer b = srcs[i];
      int step = (int) Math.min(left, b.remaining());
      b.position(b.position() + step);
      left -= step;
    }
  }
}
