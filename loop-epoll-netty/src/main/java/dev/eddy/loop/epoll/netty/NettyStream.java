package dev.eddy.loop.epoll.netty;

import dev.eddy.loop.spi.HeapBuffers;
import io.netty.channel.ChannelException;
import io.netty.channel.unix.FileDescriptor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;

/**
 * A descriptor that carries bytes: a socket or a pipe end.
 *
 * <p>I/O never hands Netty a heap buffer: a direct buffer goes to the system call by address
 * (zero copy), a heap buffer through {@link HeapBuffers}. Would-block is a return value (0),
 * never an exception; errors are translated by {@link Errno}.
 *
 * <p>Threading: one thread at a time, normally the loop's.
 */
abstract class NettyStream extends NettyHandle {

  NettyStream(FileDescriptor fd) {
    super(fd);
  }

  /** Reads into {@code dst}: bytes read, 0 if it would block (or no room), -1 at end of stream. */
  final int readInto(ByteBuffer dst) throws IOException {
    ensureOpen();
    if (dst.isReadOnly()) {
      throw new ReadOnlyBufferException(); // Netty would write a read-only direct buffer anyway
    }
    int room = dst.remaining();
    if (room == 0) {
      return 0;
    }
    try {
      if (dst.isDirect()) {
        int n = read(dst, dst.position(), dst.limit());
        if (n > 0) {
          dst.position(dst.position() + n);
        }
        return n;
      }
      ByteBuffer scratch = HeapBuffers.scratch();
      int n = read(scratch, 0, Math.min(room, scratch.capacity()));
      if (n > 0) {
        dst.put(scratch.limit(n));
      }
      return n;
    } catch (IOException | IllegalStateException | ChannelException e) {
      throw Errno.translate(readCall(), e, null);
    }
  }

  /** Writes from {@code src}: bytes written, 0 if it would block. */
  final int writeFrom(ByteBuffer src) throws IOException {
    ensureOpen();
    int length = src.remaining();
    if (length == 0) {
      return 0;
    }
    try {
      int pos = src.position();
      int n;
      if (src.isDirect()) {
        n = write(src, pos, src.limit());
      } else {
        ByteBuffer scratch = HeapBuffers.scratch();
        int chunk = Math.min(length, scratch.capacity());
        scratch.put(0, src, pos, chunk);
        n = write(scratch, 0, chunk);
      }
      src.position(pos + n);
      return n;
    } catch (IOException | IllegalStateException | ChannelException e) {
      throw Errno.translate(writeCall(), e, null);
    }
  }

  /**
   * Gathering write of {@code srcs[offset .. offset+length)}: one {@code writev} when every buffer
   * is direct; otherwise the buffers are copied, in order and up to {@link HeapBuffers#SIZE}
   * bytes, into the scratch buffer and written with one call.
   */
  /** writev(2)'s limit on the number of buffers (Linux). */
  private static final int IOV_MAX = 1024;

  final long writeGathering(ByteBuffer[] srcs, int offset, int length) throws IOException {
    ensureOpen();
    boolean allDirect = true;
    long total = 0;
    for (int i = offset; i < offset + length; i++) {
      allDirect &= srcs[i].isDirect();
      total += srcs[i].remaining();
    }
    if (total == 0) {
      return 0;
    }
    try {
      long n;
      if (allDirect) {
        // writev(2) takes at most IOV_MAX buffers: skip the ones already written (a caller
        // retrying after a short write passes them again) and send at most that many, so that a
        // long array is a short write instead of a call that never gets past its written head.
        while (!srcs[offset].hasRemaining()) {
          offset++;
          length--;
        }
        length = Math.min(length, IOV_MAX);
        // Netty's writev reads each buffer's position and limit and moves neither.
        n = descriptor().writev(srcs, offset, length, Long.MAX_VALUE);
      } else {
        ByteBuffer gathered = HeapBuffers.gather(srcs, offset, length);
        n = write(gathered, 0, gathered.limit());
      }
      HeapBuffers.advance(srcs, offset, length, n);
      return n;
    } catch (IOException | IllegalStateException | ChannelException e) {
      throw Errno.translate(allDirect ? "writev" : writeCall(), e, null);
    }
  }

  /** One read into the direct {@code buf} between the positions: as Netty's {@code read}. */
  abstract int read(ByteBuffer buf, int pos, int limit) throws IOException;

  /** One write from the direct {@code buf} between the positions: as Netty's {@code write}. */
  abstract int write(ByteBuffer buf, int pos, int limit) throws IOException;

  /** The name of the read call, for messages: "recv", "read". */
  abstract String readCall();

  /** The name of the write call, for messages: "send", "write". */
  abstract String writeCall();
}
