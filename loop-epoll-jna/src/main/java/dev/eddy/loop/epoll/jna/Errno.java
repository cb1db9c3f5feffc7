package dev.eddy.loop.epoll.jna;

import com.sun.jna.Native;
import dev.eddy.loop.spi.LinuxErrno;
import java.io.IOException;
import java.net.SocketAddress;

/**
 * The errno of the last libc call and its exception, as {@link LinuxErrno} words and types it
 * for every native backend: {@code connect(..) failed: Connection refused (ECONNREFUSED)}. What is
 * this backend's own is where the number and the text come from: JNA's saved errno and libc's
 * {@code strerror}. The expected results of the hot path ({@code EAGAIN}, {@code EINPROGRESS},
 * {@code EINTR}) are tested by callers and never become exceptions.
 */
final class Errno {

  private Errno() {}

  /**
   * Loads the error path (this class, {@link LinuxErrno}, {@code strerror}) while the process
   * still has descriptors. Once it has none ("too many open files"), a class not loaded yet cannot
   * be read from a directory of classes, such as a build's {@code target/classes}, and reporting
   * that very error would fail. Called once, when the backend is found available.
   */
  static void preload() {
    describe(LinuxErrno.EMFILE);
  }

  /** The errno the last call on this thread left. */
  static int last() {
    return Native.getLastError();
  }

  /** "Connection refused (ECONNREFUSED)". */
  static String describe(int errno) {
    return LinuxErrno.describe(errno, text(errno));
  }

  /** "call(..) failed: text (NAME)", as the matching {@code IOException} subtype. */
  static IOException exception(String call, int errno) {
    return exception(call, errno, null);
  }

  /** As {@link #exception(String, int)}, naming the address the call was about. */
  static IOException exception(String call, int errno, SocketAddress address) {
    return LinuxErrno.exception(call, errno, text(errno), address);
  }

  /** libc's {@code strerror} text, or null if it cannot be had. */
  private static String text(int errno) {
    try {
      return LibC.strerror(errno);
    } catch (RuntimeException | LinkageError e) {
      return null;
    }
  }
}
