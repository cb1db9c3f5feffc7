package dev.eddy.loop.posix.jna;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;

/**
 * The calls that set descriptor flags atomically at creation: {@code accept4} and {@code pipe2}
 * (Linux, FreeBSD 10 and later; not macOS). A class of its own because direct mapping binds every
 * method of a class when it loads, and one missing symbol would fail them all: this class is only
 * loaded where {@link PosixAbi#atomicFlags()} holds. Same error convention as {@link LibC}.
 */
final class LibCAccept4 {

  static {
    Native.register(LibCAccept4.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
  }

  private LibCAccept4() {}

  static native int accept4(int fd, byte[] address, int[] length, int flags);

  static native int pipe2(int[] fds, int flags);
}
