package dev.eddy.loop.epoll.jna;

import com.sun.jna.Native;
import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketAddress;

/**
 * Turns an errno into an exception that names the call, the error and its symbol: {@code
 * connect(..) failed: Connection refused (ECONNREFUSED)}. Linux numbers. The expected results of
 * the hot path ({@link #EAGAIN}, {@link #EINPROGRESS}, {@link #EINTR}) are tested by callers and
 * never become exceptions.
 */
final class Errno {

  static final int EPERM = 1;
  static final int ENOENT = 2;
  static final int EINTR = 4;
  static final int EBADF = 9;
  static final int EAGAIN = 11;
  static final int ENOMEM = 12;
  static final int EACCES = 13;
  static final int EFAULT = 14;
  static final int EEXIST = 17;
  static final int EINVAL = 22;
  static final int ENFILE = 23;
  static final int EMFILE = 24;
  static final int ENOSPC = 28;
  static final int EPIPE = 32;
  static final int ENOPROTOOPT = 92;
  static final int EOPNOTSUPP = 95;
  static final int EAFNOSUPPORT = 97;
  static final int EADDRINUSE = 98;
  static final int EADDRNOTAVAIL = 99;
  static final int ENETUNREACH = 101;
  static final int ECONNABORTED = 103;
  static final int ECONNRESET = 104;
  static final int ENOBUFS = 105;
  static final int EISCONN = 106;
  static final int ENOTCONN = 107;
  static final int ETIMEDOUT = 110;
  static final int ECONNREFUSED = 111;
  static final int EHOSTUNREACH = 113;
  static final int EALREADY = 114;
  static final int EINPROGRESS = 115;

  private Errno() {}

  /** The errno the last call on this thread left. */
  static int last() {
    return Native.getLastError();
  }

  /** The symbol of an errno, or "errno N". */
  static String name(int errno) {
    switch (errno) {
      case EPERM: return "EPERM";
      case ENOENT: return "ENOENT";
      case EINTR: return "EINTR";
      case EBADF: return "EBADF";
      case EAGAIN: return "EAGAIN";
      case ENOMEM: return "ENOMEM";
      case EACCES: return "EACCES";
      case EFAULT: return "EFAULT";
      case EEXIST: return "EEXIST";
      case EINVAL: return "EINVAL";
      case ENFILE: return "ENFILE";
      case EMFILE: return "EMFILE";
      case ENOSPC: return "ENOSPC";
      case EPIPE: return "EPIPE";
      case ENOPROTOOPT: return "ENOPROTOOPT";
      case EOPNOTSUPP: return "EOPNOTSUPP";
      case EAFNOSUPPORT: return "EAFNOSUPPORT";
      case EADDRINUSE: return "EADDRINUSE";
      case EADDRNOTAVAIL: return "EADDRNOTAVAIL";
      case ENETUNREACH: return "ENETUNREACH";
      case ECONNABORTED: return "ECONNABORTED";
      case ECONNRESET: return "ECONNRESET";
      case ENOBUFS: return "ENOBUFS";
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

  /** "Connection refused (ECONNREFUSED)". */
  static String describe(int errno) {
    String text;
    try {
      text = LibC.strerror(errno);
    } catch (RuntimeException | LinkageError e) {
      text = null;
    }
    return (text == null ? "error" : text) + " (" + name(errno) + ")";
  }

  /** "call(..) failed: text (NAME)", as the matching {@code IOException} subtype. */
  static IOException exception(String call, int errno) {
    return exception(call, errno, null);
  }

  /** As {@link #exception(String, int)}, naming the address the call was about. */
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
}
