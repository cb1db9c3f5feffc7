package dev.eddy.loop.epoll.netty;

import io.netty.channel.ChannelException;
import io.netty.channel.unix.Errors;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketAddress;
import java.nio.channels.AlreadyConnectedException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ConnectionPendingException;
import java.nio.channels.NotYetConnectedException;
import java.util.HashMap;
import java.util.Map;

/**
 * Netty's errors as the errors every Eddy backend reports: {@code connect(..) failed: Connection
 * refused (ECONNREFUSED): /127.0.0.1:8080}, with the {@code IOException} subtype the JDK would
 * use ({@link ConnectException}, {@link BindException}, {@link NoRouteToHostException}).
 *
 * <p>Netty reports an errno in several shapes, all translated back to the number here: a {@code
 * NativeIoException} carries it; its plain {@code ConnectException} has it only in the message
 * ({@code error(-111)}); a {@code ChannelException} from a socket option has only the {@code
 * strerror} text, looked up in a table built from Netty's own texts; and a few errnos become
 * types without a message ({@code FileNotFoundException} for {@code ENOENT}, {@code
 * NoRouteToHostException}, {@code ClosedChannelException}, {@code NotYetConnectedException}).
 * The numbers are Linux's generic ones, the ABI of every architecture Netty builds its native
 * epoll library for. Stateless.
 */
final class Errno {

  static final int ENOENT = 2;
  static final int EINTR = 4;
  static final int EBADF = 9;
  static final int EAGAIN = 11;
  static final int EEXIST = 17;
  static final int ENFILE = 23;
  static final int EMFILE = 24;
  static final int EPIPE = 32;
  static final int ENOPROTOOPT = 92;
  static final int EADDRINUSE = 98;
  static final int EADDRNOTAVAIL = 99;
  static final int ENETUNREACH = 101;
  static final int ECONNABORTED = 103;
  static final int ECONNRESET = 104;
  static final int EISCONN = 106;
  static final int ENOTCONN = 107;
  static final int ETIMEDOUT = 110;
  static final int ECONNREFUSED = 111;
  static final int EHOSTUNREACH = 113;
  static final int EALREADY = 114;
  static final int EINPROGRESS = 115;

  /** Linux numbers no errno above; the texts table covers them all. */
  private static final int MAX_ERRNO = 133;

  private Errno() {}

  /**
   * Loads the error path (this class, its table of texts, Netty's errno strings) while the process
   * still has descriptors. Once it has none ("too many open files"), a class not loaded yet cannot
   * be read from a directory of classes, such as a build's {@code target/classes}, and reporting
   * that very error would fail. Called once, when the backend is found available.
   */
  static void preload() {
    describe(EMFILE);
    fromText("");
  }

  /** The symbol of an errno, or "errno N". */
  static String name(int errno) {
    switch (errno) {
      case 1: return "EPERM";
      case ENOENT: return "ENOENT";
      case EINTR: return "EINTR";
      case EBADF: return "EBADF";
      case EAGAIN: return "EAGAIN";
      case 12: return "ENOMEM";
      case 13: return "EACCES";
      case 14: return "EFAULT";
      case EEXIST: return "EEXIST";
      case 22: return "EINVAL";
      case ENFILE: return "ENFILE";
      case EMFILE: return "EMFILE";
      case 28: return "ENOSPC";
      case EPIPE: return "EPIPE";
      case 36: return "ENAMETOOLONG";
      case ENOPROTOOPT: return "ENOPROTOOPT";
      case 95: return "EOPNOTSUPP";
      case 97: return "EAFNOSUPPORT";
      case EADDRINUSE: return "EADDRINUSE";
      case EADDRNOTAVAIL: return "EADDRNOTAVAIL";
      case ENETUNREACH: return "ENETUNREACH";
      case ECONNABORTED: return "ECONNABORTED";
      case ECONNRESET: return "ECONNRESET";
      case 105: return "ENOBUFS";
      case EISCONN: return "EISCONN";
      case ENOTCONN: return "ENOTCONN";
      case ETIMEDOUT: return "ETIMEDOUT";
      case ECONNREFUSED: return "ECONNREFUSED";
      case EHOSTUNREACH: return "EHOSTUNREACH";
      case EALREADY: return "EALREADY";
      case EINPROGRESS: return "EINPROGRESS";
      default: return "errno " + errno;
    }
  }

  /** The {@code strerror} text, as Netty's native library gives it: "Connection refused". */
  static String text(int errno) {
    String m = new Errors.NativeIoException("", -errno, false).getMessage();
    int at = m.indexOf("): "); // "(..) failed with error(-111): Connection refused"
    return at < 0 ? "error " + errno : m.substring(at + 3);
  }

  /** "Connection refused (ECONNREFUSED)". */
  static String describe(int errno) {
    return text(errno) + " (" + name(errno) + ")";
  }

  /** "call(..) failed: text (NAME)[: address]", as the matching {@code IOException} subtype. */
  static IOException exception(String call, int errno, SocketAddress address) {
    String message = call + "(..) failed: " + describe(errno)
        + (address == null ? "" : ": " + address);
    switch (errno) {
      case ECONNREFUSED:
      case ETIMEDOUT:
        return new ConnectException(message);
      case ENETUNREACH:
      case EHOSTUNREACH:
        return new NoRouteToHostException(message);
      case EADDRINUSE:
      case EADDRNOTAVAIL:
        return new BindException(message);
      default:
        return new IOException(message);
    }
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
      e = new IOException(call + "(..) failed: " + netty.getMessage()
          + (address == null ? "" : ": " + address));
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
      return ENOENT;
    }
    if (e instanceof NoRouteToHostException && e.getMessage() == null) {
      return EHOSTUNREACH; // Netty drops the message, and the errno (or ENETUNREACH)
    }
    if (e instanceof ClosedChannelException) {
      return EBADF;
    }
    if (e instanceof NotYetConnectedException) {
      return ENOTCONN;
    }
    if (e instanceof AlreadyConnectedException) {
      return EISCONN;
    }
    if (e instanceof ConnectionPendingException) {
      return EALREADY;
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
