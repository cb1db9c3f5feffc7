package dev.eddy.loop.posix.jna;

import dev.eddy.loop.spi.HeapBuffers;
import dev.eddy.loop.spi.LinuxErrno;
import dev.eddy.loop.spi.PollHandle;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A file descriptor owned by a backend over raw descriptors: a socket, a listener or a pipe end,
 * made by a {@link PosixTransport}. It records which backend made it, so that a poller can refuse
 * another backend's handles, and its live {@link FdRegistration}, so that closing it first
 * removes it from its poller.
 *
 * <p>Threading: one thread at a time, normally the loop's. Errors: I/O on a closed handle is an
 * {@code IOException} naming it; failed calls are {@link PosixErrno}'s exceptions.
 */
public abstract class FdHandle implements PollHandle {

  private final String backend;
  private final int fd;
  private boolean closed;
  private FdRegistration registration;
  private int reportedError;

  /**
   * @param backend the name of the backend whose pollers accept this handle
   * @param fd the descriptor, now owned by this handle
   */
  protected FdHandle(String backend, int fd) {
    this.backend = backend;
    this.fd = fd;
  }

  /**
   * {@code handle} as an {@code FdHandle} of {@code backend}, for a poller's {@code register}.
   *
   * @throws IllegalArgumentException if it is another kind of handle or another backend's, in
   *     the words of {@link dev.eddy.loop.spi.Poller#ownHandle}
   */
  public static FdHandle own(PollHandle handle, String backend) {
    if (!(handle instanceof FdHandle) || !((FdHandle) handle).backend.equals(backend)) {
      throw new IllegalArgumentException("the " + backend + " poller accepts only handles made "
          + "by the " + backend + " transport, not " + (handle == null ? "null" : handle));
    }
    return (FdHandle) handle;
  }

  /** The descriptor number, whatever the state; for registration and messages. */
  public final int fd() {
    return fd;
  }

  /** The backend that made this handle. */
  public final String backend() {
    return backend;
  }

  /** The live registration, or null. */
  public final FdRegistration registration() {
    return registration;
  }

  /** Set by the poller when it registers the handle, and cleared (null) when it drops it. */
  public final void registration(FdRegistration registration) {
    this.registration = registration;
  }

  /**
   * Records a socket error a poller learnt from an event rather than from the socket (kqueue's
   * {@code EV_EOF} with an errno in {@code fflags}), numbered as {@link PosixErrno} numbers them.
   * A pending connect then fails with it even if {@code SO_ERROR} no longer holds it (libkqueue
   * reads, and so clears, {@code SO_ERROR} to fill {@code fflags}). Polling thread.
   */
  public final void reportError(int errno) {
    reportedError = errno;
  }

  /** The error last {@linkplain #reportError reported}, or 0. */
  public final int reportedError() {
    return reportedError;
  }

  /** The descriptor, for calls on a handle that must be open. */
  final int openFd() throws IOException {
    if (closed) {
      throw new IOException(kind() + " is closed: " + this);
    }
    return fd;
  }

  /** {@code read(2)} into {@code dst}: bytes read, 0 if it would block, -1 at end of stream. */
  final int readInto(ByteBuffer dst) throws IOException {
    int room = dst.remaining();
    if (room == 0) {
      return 0;
    }
    long n = LibC.read(openFd(), dst, room);
    if (n > 0) {
      dst.position(dst.position() + (int) n);
      return (int) n;
    }
    if (n == 0) {
      return -1;
    }
    int errno = PosixErrno.last();
    if (errno == LinuxErrno.EAGAIN || errno == LinuxErrno.EINTR) {
      return 0;
    }
    throw PosixErrno.exception("read", errno);
  }

  /** {@code write(2)} from {@code src}: bytes written, 0 if it would block. */
  final int writeFrom(ByteBuffer src) throws IOException {
    int length = src.remaining();
    if (length == 0) {
      return 0;
    }
    long n = LibC.write(openFd(), src, length);
    if (n >= 0) {
      src.position(src.position() + (int) n);
      return (int) n;
    }
    int errno = PosixErrno.last();
    if (errno == LinuxErrno.EAGAIN || errno == LinuxErrno.EINTR) {
      return 0;
    }
    throw PosixErrno.exception("write", errno);
  }

  /**
   * Writes {@code srcs} (some on the heap) with one {@code write(2)}: up to {@link
   * HeapBuffers#SIZE} bytes of them are copied, in order, into the thread's direct scratch
   * buffer, and the sources' positions move past what the kernel took.
   */
  final long writeThroughScratch(ByteBuffer[] srcs, int offset, int length) throws IOException {
    ByteBuffer scratch = HeapBuffers.gather(srcs, offset, length);
    int n = writeFrom(scratch);
    HeapBuffers.advance(srcs, offset, length, n);
    return n;
  }

  /** {@link #writeThroughScratch(ByteBuffer[], int, int)} for one heap buffer. */
  final int writeThroughScratch(ByteBuffer src) throws IOException {
    ByteBuffer scratch = HeapBuffers.scratch();
    int take = Math.min(src.remaining(), scratch.remaining());
    scratch.put(0, src, src.position(), take).limit(take);
    int n = writeFrom(scratch);
    src.position(src.position() + n);
    return n;
  }

  /** What this is, for messages: "socket", "listener", "pipe source". */
  protected abstract String kind();

  /** Called once, just before the descriptor is closed. */
  void beforeClose() {}

  /**
   * Releases the descriptor: {@code close(2)}, which frees the number even when it reports an
   * error ({@code EINTR} included), so it is never retried. Overridden only by test doubles over
   * descriptors that are not real.
   */
  protected void closeDescriptor(int fd) throws IOException {
    if (LibC.close(fd) < 0) {
      int errno = PosixErrno.last();
      if (errno != LinuxErrno.EINTR) {
        throw PosixErrno.exception("close", errno);
      }
    }
  }

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
    FdRegistration r = registration;
    if (r != null) {
      r.cancel();
    }
    beforeClose();
    closeDescriptor(fd);
  }
}
