package dev.eddy.loop.epoll.jna;

import dev.eddy.loop.spi.LinuxErrno;
import dev.eddy.loop.spi.PollHandle;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A file descriptor owned by this backend: a socket, a listener or a pipe end. Closing it first
 * removes it from the poller it is registered with, so that its slot is freed and no event of a
 * reused descriptor number can reach its key.
 *
 * <p>Threading: one thread at a time, normally the loop's.
 */
abstract class FdHandle implements PollHandle {

  private final int fd;
  private boolean closed;
  /** The current registration, or null. Owned by the polling thread. */
  EpollKey key;

  FdHandle(int fd) {
    this.fd = fd;
  }

  /** The descriptor, for calls on a handle that must be open. */
  final int fd() throws IOException {
    if (closed) {
      throw new IOException(kind() + " is closed: " + this);
    }
    return fd;
  }

  /** The descriptor number, whatever the state; for messages and registration checks. */
  final int rawFd() {
    return fd;
  }

  /** {@code read(2)} into {@code dst}: bytes read, 0 if it would block, -1 at end of stream. */
  final int readInto(ByteBuffer dst) throws IOException {
    int room = dst.remaining();
    if (room == 0) {
      return 0;
    }
    long n = LibC.read(fd(), dst, room);
    if (n > 0) {
      dst.position(dst.position() + (int) n);
      return (int) n;
    }
    if (n == 0) {
      return -1;
    }
    int errno = Errno.last();
    if (errno == LinuxErrno.EAGAIN || errno == LinuxErrno.EINTR) {
      return 0;
    }
    throw Errno.exception("read", errno);
  }

  /** {@code write(2)} from {@code src}: bytes written, 0 if it would block. */
  final int writeFrom(ByteBuffer src) throws IOException {
    int length = src.remaining();
    if (length == 0) {
      return 0;
    }
    long n = LibC.write(fd(), src, length);
    if (n >= 0) {
      src.position(src.position() + (int) n);
      return (int) n;
    }
    int errno = Errno.last();
    if (errno == LinuxErrno.EAGAIN || errno == LinuxErrno.EINTR) {
      return 0;
    }
    throw Errno.exception("write", errno);
  }

  /** One {@code write(2)} per buffer, stopping at the first that is not written whole. */
  final long writeEach(ByteBuffer[] srcs, int offset, int length) throws IOException {
    long total = 0;
    for (int i = offset; i < offset + length; i++) {
      int wanted = srcs[i].remaining();
      int n = writeFrom(srcs[i]);
      total += n;
      if (n < wanted) {
        break;
      }
    }
    return total;
  }

  /** What this is, for messages: "socket", "listener", "pipe source". */
  abstract String kind();

  /** Called once, just before the descriptor is closed. */
  void beforeClose() {}

  @Override
  public final boolean isOpen() {
    return !closed;
  }

  @Override
  public final void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    EpollKey k = key;
    if (k != null && k.valid) {
      k.poller.unregister(k);
    }
    beforeClose();
    // close(2) releases the descriptor even when it reports an error (EINTR included): never retry.
    if (LibC.close(fd) < 0) {
      int errno = Errno.last();
      if (errno != LinuxErrno.EINTR) {
        throw Errno.exception("close", errno);
      }
    }
  }
}
