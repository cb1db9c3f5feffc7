package dev.eddy.loop.spi;

import java.nio.ByteBuffer;

/**
 * A direct scratch buffer per thread, through which a native backend reads and writes heap
 * buffers: native I/O takes the address of direct memory (Netty's fails with {@code EFAULT} on a
 * heap buffer; JNA would copy the array on every call), so a heap buffer costs one copy into the
 * scratch, and a gathering write of several heap buffers becomes one system call. At most {@link
 * #SIZE} bytes move per call, which the non-blocking contract allows (a short read or write is
 * normal).
 *
 * <p>Per thread rather than per handle: handles are used by one thread at a time and the copy
 * never outlives the call, while thousands of sockets each holding 64 KiB would not do.
 * Threading: each thread sees its own buffer; never keep it past the call.
 */
public final class HeapBuffers {

  /** The scratch size: also the most a call moves to or from heap buffers. */
  public static final int SIZE = 64 * 1024;

  private static final ThreadLocal<ByteBuffer> SCRATCH =
      ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(SIZE));

  private HeapBuffers() {}

  /** This thread's scratch buffer, cleared. */
  public static ByteBuffer scratch() {
    return SCRATCH.get().clear();
  }

  /**
   * Copies up to {@link #SIZE} bytes from {@code srcs[offset .. offset+length)}, in order, into
   * this thread's scratch buffer without moving the sources' positions.
   *
   * @return the scratch buffer, flipped: its remaining bytes are the ones to write
   */
  public static ByteBuffer gather(ByteBuffer[] srcs, int offset, int length) {
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
  public static void advance(ByteBuffer[] srcs, int offset, int length, long written) {
    long left = written;
    for (int i = offset; i < offset + length && left > 0; i++) {
      ByteBuffer b = srcs[i];
      int step = (int) Math.min(left, b.remaining());
      b.position(b.position() + step);
      left -= step;
    }
  }
}
