package dev.eddy.loop.posix.jna;

import com.sun.jna.Native;
import dev.eddy.loop.spi.LinuxErrno;
import java.io.IOException;
import java.net.SocketAddress;

/**
 * The errno of the last libc call, in one vocabulary on every system: {@link LinuxErrno}'s
 * numbers. On Linux a number is itself; on macOS and FreeBSD the numbers Eddy's code tests or
 * names ({@code EAGAIN} is 35 there, {@code ECONNREFUSED} 61, …) are translated to Linux's, and
 * any other number {@code n} becomes {@code UNNAMED | n}, which equals no Linux constant, so that
 * a BSD number is never mistaken for the Linux error that happens to share it ({@code EDEADLK} is
 * 11 on BSD, Linux's {@code EAGAIN}). Code above this class compares with {@link LinuxErrno}'s
 * constants and never sees a system's own numbers.
 *
 * <p>Messages are {@link LinuxErrno}'s: {@code connect(..) failed: Connection refused
 * (ECONNREFUSED): /127.0.0.1:9}, with libc's {@code strerror} text for the system's number. The
 * expected results of the hot path ({@code EAGAIN}, {@code EINPROGRESS}, {@code EINTR}) are tested
 * by callers and never become exceptions. Stateless and thread-safe.
 */
public final class PosixErrno {

  /** Marks a system errno that has no name in {@link LinuxErrno}; the low bits are the number. */
  static final int UNNAMED = 1 << 16;

  /** BSD (macOS and FreeBSD) numbers to Linux's, for the errors Eddy names; {number, linux}. */
  private static final int[][] BSD = {
    {35, LinuxErrno.EAGAIN}, {36, LinuxErrno.EINPROGRESS}, {37, LinuxErrno.EALREADY},
    {42, LinuxErrno.ENOPROTOOPT}, {45, LinuxErrno.EOPNOTSUPP}, {47, LinuxErrno.EAFNOSUPPORT},
    {48, LinuxErrno.EADDRINUSE}, {49, LinuxErrno.EADDRNOTAVAIL}, {51, LinuxErrno.ENETUNREACH},
    {53, LinuxErrno.ECONNABORTED}, {54, LinuxErrno.ECONNRESET}, {55, LinuxErrno.ENOBUFS},
    {56, LinuxErrno.EISCONN}, {57, LinuxErrno.ENOTCONN}, {60, LinuxErrno.ETIMEDOUT},
    {61, LinuxErrno.ECONNREFUSED}, {63, LinuxErrno.ENAMETOOLONG},
    {65, LinuxErrno.EHOSTUNREACH}
  };
  /** macOS numbers {@code EOPNOTSUPP} apart from {@code ENOTSUP} (45); FreeBSD does not. */
  private static final int MACOS_EOPNOTSUPP = 102;

  private static final int[] HOST_TO_LINUX = table(hostAbi());

  private PosixErrno() {}

  /**
   * Loads the error path (this class, {@link LinuxErrno}, {@code strerror}) while the process
   * still has descriptors. Once it has none ("too many open files"), a class not loaded yet cannot
   * be read from a directory of classes, such as a build's {@code target/classes}, and reporting
   * that very error would fail. Backends call it once, when found available.
   */
  public static void preload() {
    describe(LinuxErrno.EMFILE);
  }

  /** The errno the last libc call on this thread left, as {@link LinuxErrno} numbers it. */
  public static int last() {
    return canonical(Native.getLastError());
  }

  /** A number this system's libc or kernel reported (an {@code EV_ERROR}'s data), as Linux's. */
  public static int canonical(int systemErrno) {
    int[] table = HOST_TO_LINUX;
    return systemErrno >= 0 && systemErrno < table.length ? table[systemErrno]
        : UNNAMED | (systemErrno & 0xffff);
  }

  /** "Connection refused (ECONNREFUSED)", in libc's words for the system's number. */
  public static String describe(int errno) {
    String text = text(systemNumber(errno));
    if ((errno & UNNAMED) != 0) {
      return (text == null ? "error" : text) + " (errno " + systemNumber(errno) + ")";
    }
    return LinuxErrno.describe(errno, text);
  }

  /** "call(..) failed: text (NAME)", as the matching {@code IOException} subtype. */
  public static IOException exception(String call, int errno) {
    return exception(call, errno, null);
  }

  /** As {@link #exception(String, int)}, naming the address the call was about. */
  public static IOException exception(String call, int errno, SocketAddress address) {
    if ((errno & UNNAMED) != 0) {
      return new IOException(LinuxErrno.message(call, describe(errno), address));
    }
    return LinuxErrno.exception(call, errno, text(systemNumber(errno)), address);
  }

  /** {@code abi}'s number {@code systemErrno} as Linux's; for tests of other systems' tables. */
  static int canonical(PosixAbi abi, int systemErrno) {
    int[] table = table(abi);
    return systemErrno >= 0 && systemErrno < table.length ? table[systemErrno]
        : UNNAMED | (systemErrno & 0xffff);
  }

  /** The host's own number for a canonical errno (the inverse of {@link #canonical(int)}). */
  private static int systemNumber(int errno) {
    if ((errno & UNNAMED) != 0) {
      return errno & 0xffff;
    }
    int[] table = HOST_TO_LINUX;
    for (int i = 0; i < table.length; i++) {
      if (table[i] == errno) {
        return i;
      }
    }
    return errno;
  }

  /** Index: the system's number; value: Linux's (or UNNAMED | number). */
  private static int[] table(PosixAbi abi) {
    int[] t = new int[128];
    for (int i = 0; i < t.length; i++) {
      t[i] = abi == PosixAbi.LINUX || i < 35 && i != 11 ? i : UNNAMED | i;
    }
    if (abi != PosixAbi.LINUX) {
      for (int[] pair : BSD) {
        t[pair[0]] = pair[1];
      }
      if (abi == PosixAbi.MACOS) {
        t[MACOS_EOPNOTSUPP] = LinuxErrno.EOPNOTSUPP;
      }
    }
    return t;
  }

  /** The host's ABI, or Linux's numbering on a system none of the backends runs on. */
  private static PosixAbi hostAbi() {
    try {
      return PosixAbi.current();
    } catch (IllegalArgumentException e) {
      return PosixAbi.LINUX;
    }
  }

  /** libc's {@code strerror} text, or null if it cannot be had. */
  private static String text(int systemErrno) {
    try {
      return LibC.strerror(systemErrno);
    } catch (RuntimeException | LinkageError e) {
      return null;
    }
  }
}
