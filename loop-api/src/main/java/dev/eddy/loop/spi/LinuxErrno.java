package dev.eddy.loop.spi;

import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketAddress;

/**
 * Linux's errno numbers and the one way the native backends on Linux report them, so that a
 * failure reads and types the same on every such backend: {@code connect(..) failed: Connection
 * refused (ECONNREFUSED): /127.0.0.1:8080}, a {@link ConnectException}.
 *
 * <p>What it guarantees: the message names the call, the error's text, its symbol and, where
 * given, the address; the exception type follows the JDK's choices for the same errno ({@link
 * ConnectException}, {@link NoRouteToHostException}, {@link BindException}, else a plain {@link
 * IOException}). What it leaves to each backend: the error's text ({@code strerror}), which only
 * the backend's native binding can ask for, and how the errno of a failed call is found.
 *
 * <p>The numbers are Linux's generic ones, the ABI of x86_64 and aarch64 (not of alpha, mips,
 * parisc or sparc, which number differently). Stateless and thread-safe; nothing here throws.
 */
public final class LinuxErrno {

  // <asm-generic/errno-base.h> and <asm-generic/errno.h>: the errnos Eddy's backends meet.
  public static final int EPERM = 1;
  public static final int ENOENT = 2;
  public static final int EINTR = 4;
  public static final int EBADF = 9;
  public static final int EAGAIN = 11;
  public static final int ENOMEM = 12;
  public static final int EACCES = 13;
  public static final int EFAULT = 14;
  public static final int EEXIST = 17;
  public static final int EINVAL = 22;
  public static final int ENFILE = 23;
  public static final int EMFILE = 24;
  public static final int ENOSPC = 28;
  public static final int EPIPE = 32;
  public static final int ENAMETOOLONG = 36;
  public static final int ENOPROTOOPT = 92;
  public static final int EOPNOTSUPP = 95;
  public static final int EAFNOSUPPORT = 97;
  public static final int EADDRINUSE = 98;
  public static final int EADDRNOTAVAIL = 99;
  public static final int ENETUNREACH = 101;
  public static final int ECONNABORTED = 103;
  public static final int ECONNRESET = 104;
  public static final int ENOBUFS = 105;
  public static final int EISCONN = 106;
  public static final int ENOTCONN = 107;
  public static final int ETIMEDOUT = 110;
  public static final int ECONNREFUSED = 111;
  public static final int EHOSTUNREACH = 113;
  public static final int EALREADY = 114;
  public static final int EINPROGRESS = 115;

  private LinuxErrno() {}

  /** The symbol of an errno ({@code "ECONNREFUSED"}), or {@code "errno N"} for another number. */
  public static String name(int errno) {
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
      case ENAMETOOLONG: return "ENAMETOOLONG";
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

  /**
   * The error with its symbol: {@code "Connection refused (ECONNREFUSED)"}.
   *
   * @param text the error's text as {@code strerror} gives it, or null if the backend could not
   *     get one ({@code "error"} is used)
   */
  public static String describe(int errno, String text) {
    return (text == null ? "error" : text) + " (" + name(errno) + ")";
  }

  /**
   * The message of a failed call: {@code "call(..) failed: reason"}, then {@code ": address"} if
   * an address is given. The one format of every native backend's errors.
   *
   * @param reason what went wrong, normally {@link #describe}'s result
   * @param address what the call was about, or null
   */
  public static String message(String call, String reason, SocketAddress address) {
    return call + "(..) failed: " + reason + (address == null ? "" : ": " + address);
  }

  /**
   * The exception for {@code call} failing with {@code errno}, with the {@link #message} of
   * {@link #describe}: a {@link ConnectException} for {@code ECONNREFUSED} and {@code
   * ETIMEDOUT}, a {@link NoRouteToHostException} for {@code ENETUNREACH} and {@code
   * EHOSTUNREACH}, a {@link BindException} for {@code EADDRINUSE} and {@code EADDRNOTAVAIL}, and
   * a plain {@link IOException} for every other errno.
   *
   * @param text the error's text, as for {@link #describe}
   * @param address what the call was about, or null
   */
  public static IOException exception(String call, int errno, String text,
      SocketAddress address) {
    String message = message(call, describe(errno, text), address);
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
   * A failed connect as the {@link ConnectException} the SPI promises for it, with the same
   * message: {@code failure} itself if it is one, else a new one whose cause is {@code failure}.
   * For the errnos of a connect that {@link #exception} does not type as refused: the {@code
   * SO_ERROR} of a non-blocking connect that failed, whatever it is, and {@code EAGAIN} from
   * {@code connect(2)}, which is how a Unix-domain listener with a full backlog refuses
   * (unix(7)).
   */
  public static ConnectException asConnectException(IOException failure) {
    if (failure instanceof ConnectException) {
      return (ConnectException) failure;
    }
    ConnectException c = new ConnectException(failure.getMessage());
    c.initCause(failure);
    return c;
  }
}
