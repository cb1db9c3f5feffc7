package dev.eddy.loop.epoll.netty;

import dev.eddy.loop.spi.LinuxErrno;
import io.netty.channel.ChannelException;
import io.netty.channel.unix.Errors;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.NoRouteToHostException;
import java.net.SocketAddress;
import java.nio.channels.AlreadyConnectedException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ConnectionPendingException;
import java.nio.channels.NotYetConnectedException;
import java.util.HashMap;
import java.util.Map;

/**
 * Netty's errors as the errors every native Eddy backend reports, worded and typed by {@link
 * LinuxErrno}: {@code connect(..) failed: Connection refused (ECONNREFUSED): /127.0.0.1:8080}, a
 * {@code ConnectException}. What is this backend's own is finding the errno and its text.
 *
 * <p>Netty reports an errno in several shapes, all translated back to the number here: a {@code
 * NativeIoException} carries it; its plain {@code ConnectException} has it only in the message
 * ({@code error(-111)}); a {@code ChannelException} from a socket option has only the {@code
 * strerror} text, looked up in a table built from Netty's own texts; and a few errnos become
 * types without a message ({@code FileNotFoundException} for {@code ENOENT}, {@code
 * NoRouteToHostException}, {@code ClosedChannelException}, {@code NotYetConnectedException}).
 * The texts are those of Netty's native library. Stateless.
 */
final class Errno {

  /** Linux numbers no errno above; the texts table covers them all. */
  private static final int MAX_ERRNO = 133;

  private Errno() {}

  /**
   * Loads the error path (this class, {@link LinuxErrno}, its table of texts, Netty's errno
   * strings) while the process still has descriptors. Once it has none ("too many open files"), a
   * class not loaded yet cannot be read from a directory of classes, such as a build's {@code
   * target/classes}, and reporting that very error would fail. Called once, when the backend is
   * found available.
   */
  static void preload() {
    describe(LinuxErrno.EMFILE);
    fromText("");
  }

  /** The {@code strerror} text, as Netty's native library gives it: "Connection refused". */
  static String text(int errno) {
    String m = new Errors.NativeIoException("", -errno, false).getMessage();
    int at = m.indexOf("): "); // "(..) failed with error(-111): Connection refused"
    return at < 0 ? "error " + errno : m.substring(at + 3);
  }

  /** "Connection refused (ECONNREFUSED)". */
  static String describe(int errno) {
    return LinuxErrno.describe(errno, text(errno));
  }

  /** "call(..) failed: text (NAME)[: address]", as {@link LinuxErrno#exception} types it. */
  static IOException exception(String call, int errno, SocketAddress address) {
    return LinuxErrno.exception(call, errno, text(errno), address);
  }

  /**
   * A failure Netty reported for {@code call}, as {@link #exception} describes it, with Netty's
   * exception as the cause. Without an errno to be found, an {@code IOException} naming the call
   * and Netty's message.
   */
  static IOException translate(String call, Throwable netty, SocketAddress address) {
    int errno = of(netty);
    IOException e;
    if (errno > 0) {
      e = exception(call, errno, address);
    } else {
      e = new IOException(LinuxErrno.message(call, netty.getMessage(), address));
    }
    e.initCause(netty);
    return e;
  }

  /** The errno behind an exception from Netty, or 0 if none can be told. */
  static int of(Throwable e) {
    if (e instanceof Errors.NativeIoException) {
      return -((Errors.NativeIoException) e).expectedErr();
    }
    if (e instanceof ChannelException) {
      return e.getCause() != null ? of(e.getCause()) : fromText(e.getMessage());
    }
    if (e instanceof FileNotFoundException) {
      return LinuxErrno.ENOENT;
    }
    if (e instanceof NoRouteToHostException && e.getMessage() == null) {
      return LinuxErrno.EHOSTUNREACH; // Netty drops the message, and the errno (or ENETUNREACH)
    }
    if (e instanceof ClosedChannelException) {
      return LinuxErrno.EBADF;
    }
    if (e instanceof NotYetConnectedException) {
      return LinuxErrno.ENOTCONN;
    }
    if (e instanceof AlreadyConnectedException) {
      return LinuxErrno.EISCONN;
    }
    if (e instanceof ConnectionPendingException) {
      return LinuxErrno.EALREADY;
    }
    return e == null ? 0 : fromMessage(e.getMessage());
  }

  /** The N of "... failed with error(-N): text", Netty's format, or 0. */
  static int fromMessage(String message) {
    if (message == null) {
      return 0;
    }
    int start = message.indexOf("error(-");
    if (start < 0) {
      return 0;
    }
    int end = message.indexOf(')', start);
    try {
      return end < 0 ? 0 : Integer.parseInt(message.substring(start + 7, end));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** The errno whose text ends "... failed: text", Netty's format of option errors, or 0. */
  static int fromText(String message) {
    if (message == null) {
      return 0;
    }
    int at = message.lastIndexOf("failed: ");
    String text = at < 0 ? message : message.substring(at + "failed: ".length());
    Integer errno = Texts.BY_TEXT.get(text.trim());
    return errno == null ? 0 : errno;
  }

  /** strerror text to errno, from Netty's own texts; built on first use. */
  private static final class Texts {
    static final Map<String, Integer> BY_TEXT = new HashMap<>();

    static {
      for (int errno = MAX_ERRNO; errno >= 1; errno--) {
        BY_TEXT.put(text(errno), errno); // downwards: a shared text keeps its lowest number
      }
    }
  }
}
