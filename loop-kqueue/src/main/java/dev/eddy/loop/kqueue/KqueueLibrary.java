package dev.eddy.loop.kqueue;

import com.sun.jna.Native;
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

  KqueueLibrary() {
    LibC.libraryName(); // loads LibC, binding the library now rather than on the first call
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

  @Override
  public int close(int fd) {
    return LibC.close(fd);
  }

  @Override
  public int lastErrno() {
    return Native.getLastError();
  }
}
