package dev.eddy.examples.poll;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/**
 * The one native call this plugin makes itself: {@code poll(2)}, bound once by JNA <em>direct
 * mapping</em> ({@link Native#register}), which compiles a JNI stub per method and so costs no
 * reflection or boxing per call (JNA's interface mapping would cost several times more on this
 * hot path). Sockets and the wake-up pipe are not bound here: they come from Eddy's shared libc
 * layer ({@code eddy-loop-posix-jna}).
 *
 * <p>Loading this class loads libc; {@link PollProvider} does that inside its availability probe,
 * where a failure becomes the cause of "not available" instead of an error.
 */
final class LibC {

  static {
    Native.register(LibC.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
  }

  private LibC() {}

  /**
   * {@code int poll(struct pollfd *fds, nfds_t nfds, int timeout)}.
   *
   * <p>{@code nfds_t} is {@code unsigned long} on Linux and {@code unsigned int} on macOS and
   * FreeBSD. It is passed as a Java {@code long}, which is exact on 64-bit Linux; on the 64-bit
   * BSDs the argument travels in a register whose low half the callee reads, and nfds is small.
   * The provider refuses 32-bit JVMs, where a {@code long} would be two argument words.
   *
   * <p>Returns the number of entries with a non-zero {@code revents}, 0 on timeout, or -1 with
   * errno set ({@code EINTR} when a signal arrived during the wait). Not declared {@code throws
   * LastErrorException}: an interrupted wait is an expected result and must not cost an
   * exception; the caller reads errno with {@code PosixErrno.last()}.
   *
   * @param fds the first {@code struct pollfd}
   * @param nfds how many entries
   * @param timeoutMillis -1 to wait for ever, 0 to return at once, else milliseconds
   */
  static native int poll(Pointer fds, long nfds, int timeoutMillis);
}
