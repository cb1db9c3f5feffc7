package dev.eddy.stream;

import java.nio.ByteBuffer;

/**
 * The direct buffer streams read into before copying to their own buffers: one per thread, which
 * for loop-affine streams means one per loop, grown to the largest chunk asked for. A socket read
 * into a direct buffer needs no hidden temporary copy (the JDK's channels and the native backends
 * read into its memory directly), and no stream allocates per read.
 */
final class ReadChunks {

  private static final ThreadLocal<ByteBuffer> PER_THREAD = new ThreadLocal<>();

  private ReadChunks() {}

  /** This thread's buffer, cleared, with its limit at {@code size}. */
  static ByteBuffer forThisThread(int size) {
    ByteBuffer b = PER_THREAD.get();
    if (b == null || b.capacity() < size) {
      b = ByteBuffer.allocateDirect(Math.max(size, 64 * 1024));
      PER_THREAD.set(b);
    }
    b.clear().limit(size);
    return b;
  }
}
