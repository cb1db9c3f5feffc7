package dev.eddy.loop.kqueue;

import com.sun.jna.Function;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import dev.eddy.loop.posix.jna.PosixErrno;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * {@link KqueueNative} through {@link LibC}. Creating the first instance loads the library and
 * may throw {@link LinkageError}; callers outside a guarded probe should not do that.
 *
 * <p>The {@code struct timespec} (LP64: {@code long tv_sec; long tv_nsec}) is built per call in a
 * direct buffer reused per thread, so a poll and a concurrent wake-up never share one.
 */
final class KqueueLibrary implements KqueueNative {

  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private final ThreadLocal<ByteBuffer> timespec = ThreadLocal.withInitial(
      () -> ByteBuffer.allocateDirect(16).order(ByteOrder.nativeOrder()));

  /** libkqueue's {@code libkqueue_drain_pending_close}, or null (a kernel kqueue). */
  private final Function drainPendingClose;

  KqueueLibrary() {
    LibC.libraryName(); // loads LibC, binding the library now rather than on the first call
    drainPendingClose = optionalFunction("libkqueue_drain_pending_close");
  }

  /**
   * True for libkqueue (a kqueue in userspace, recognised by {@code
   * libkqueue_drain_pending_close}), false for the kernel's.
   */
  boolean isUserspace() {
    return drainPendingClose != null;
  }

  private static Function optionalFunction(String name) {
    try {
      return NativeLibrary.getInstance(LibC.libraryName()).getFunction(name);
    } catch (UnsatisfiedLinkError absent) {
      return null;
    }
  }

  @Override
  public int kqueue() {
    return LibC.kqueue();
  }

  @Override
  public int kevent(int kq, ByteBuffer changes, int nchanges, ByteBuffer events, int nevents,
      long timeoutNanos) {
    ByteBuffer ts = null;
    if (timeoutNanos >= 0) {
      ts = timespec.get();
      ts.putLong(0, timeoutNanos / NANOS_PER_SECOND);
      ts.putLong(8, timeoutNanos % NANOS_PER_SECOND);
    }
    return LibC.kevent(kq, changes, nchanges, events, nevents, ts);
  }

  /**
   * Closes a kqueue. libkqueue frees a closed kqueue's own descriptors (an epoll instance, an
   * eventfd, a signalfd, a pipe) later, on its monitoring thread; where it offers {@code
   * libkqueue_drain_pending_close}, that is called so that they are gone when this returns, as
   * with a kernel kqueue. The errno of {@code close} is kept.
   */
  @Override
  public int close(int fd) {
    int result = LibC.close(fd);
    if (drainPendingClose != null) {
      int errno = Native.getLastError();
      drainPendingClose.invokeVoid(new Object[0]);
      Native.setLastError(errno);
    }
    return result;
  }

  @Override
  public int lastErrno() {
    return PosixErrno.last();
  }
}
