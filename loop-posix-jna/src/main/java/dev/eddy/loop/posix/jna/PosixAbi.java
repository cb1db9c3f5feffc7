package dev.eddy.loop.posix.jna;

import java.util.Locale;

/**
 * The numbers and layouts of one operating system's socket ABI: constants of {@code socket(2)},
 * {@code setsockopt(2)} and {@code fcntl(2)}, the {@code sockaddr} layouts (BSD puts a length
 * byte before a one-byte family; Linux has a two-byte family), and how descriptors are made
 * non-blocking and close-on-exec.
 *
 * <p>Three are known: {@link #LINUX} (the generic ABI of x86_64 and aarch64), {@link #MACOS}
 * (x86_64 and arm64 share it) and {@link #FREEBSD}. The values come from each system's headers
 * ({@code <sys/socket.h>}, {@code <netinet/in.h>}, {@code <fcntl.h>}, {@code <sys/un.h>}) and are
 * pinned by a table-driven test. The ABI describes the <em>host</em>: on Linux with a
 * kqueue-compatible library, sockets are Linux sockets even though the kqueue layer speaks BSD.
 *
 * <p>Immutable and thread-safe.
 */
public final class PosixAbi {

  /** Linux: {@code SOCK_NONBLOCK}, {@code accept4}, {@code pipe2}. */
  public static final PosixAbi LINUX = new PosixAbi("linux", false, 10, 0x800, 0x80000,
      0x800, 0x80000, 1, 2, 4, 7, 8, 9, 13, 15, 0, 26, 110);
  /**
   * macOS: no {@code SOCK_NONBLOCK}, {@code accept4} or {@code pipe2}, so flags are set with
   * {@code fcntl} after the call; {@code SO_LINGER_SEC} (seconds, where {@code SO_LINGER} counts
   * clock ticks); {@code SO_NOSIGPIPE} so that a write to a reset peer is {@code EPIPE}, never a
   * signal.
   */
  public static final PosixAbi MACOS = new PosixAbi("macos", true, 30, 0, 0,
      0x4, 0x1000000, 0xffff, 0x4, 0x1007, 0x1001, 0x1002, 0x8, 0x1080, 0x200, 0x1022, 27, 106);
  /** FreeBSD 10 and later: {@code SOCK_NONBLOCK}, {@code accept4}, {@code pipe2}. */
  public static final PosixAbi FREEBSD = new PosixAbi("freebsd", true, 28, 0x20000000,
      0x10000000, 0x4, 0x100000, 0xffff, 0x4, 0x1007, 0x1001, 0x1002, 0x8, 0x80, 0x200, 0x800, 27,
      106);

  // The same on all three.
  static final int AF_UNIX = 1;
  static final int AF_INET = 2;
  static final int SOCK_STREAM = 1;
  static final int IPPROTO_TCP = 6;
  static final int TCP_NODELAY = 1;
  static final int IPPROTO_IPV6 = 41;
  static final int SHUT_WR = 1;
  static final int O_RDONLY = 0;
  static final int F_GETFD = 1;
  static final int F_SETFD = 2;
  static final int F_GETFL = 3;
  static final int F_SETFL = 4;
  static final int FD_CLOEXEC = 1;

  private final String name;
  /** BSD layout: {@code uint8_t sa_len; uint8_t sa_family}. Linux: {@code uint16_t family}. */
  final boolean lengthByte;
  final int afInet6;
  /** 0 where the system has no such socket type flag; then {@code fcntl} sets the state. */
  final int sockNonblock;
  final int sockCloexec;
  final int oNonblock;
  final int oCloexec;
  final int solSocket;
  final int soReuseaddr;
  final int soError;
  final int soSndbuf;
  final int soRcvbuf;
  final int soKeepalive;
  /** The linger option counted in seconds ({@code SO_LINGER_SEC} on macOS). */
  final int soLingerSeconds;
  final int soReuseport;
  /** {@code SO_NOSIGPIPE}, or 0 where the system has none (Linux: the JVM ignores SIGPIPE). */
  final int soNosigpipe;
  final int ipv6V6only;
  /** {@code sizeof(struct sockaddr_un)}: 110 on Linux, 106 on the BSDs. */
  final int unLength;

  private PosixAbi(String name, boolean lengthByte, int afInet6, int sockNonblock,
      int sockCloexec, int oNonblock, int oCloexec, int solSocket, int soReuseaddr, int soError,
      int soSndbuf, int soRcvbuf, int soKeepalive, int soLingerSeconds, int soReuseport,
      int soNosigpipe, int ipv6V6only, int unLength) {
    this.name = name;
    this.lengthByte = lengthByte;
    this.afInet6 = afInet6;
    this.sockNonblock = sockNonblock;
    this.sockCloexec = sockCloexec;
    this.oNonblock = oNonblock;
    this.oCloexec = oCloexec;
    this.solSocket = solSocket;
    this.soReuseaddr = soReuseaddr;
    this.soError = soError;
    this.soSndbuf = soSndbuf;
    this.soRcvbuf = soRcvbuf;
    this.soKeepalive = soKeepalive;
    this.soLingerSeconds = soLingerSeconds;
    this.soReuseport = soReuseport;
    this.soNosigpipe = soNosigpipe;
    this.ipv6V6only = ipv6V6only;
    this.unLength = unLength;
  }

  /**
   * The ABI of the system this JVM runs on.
   *
   * @throws IllegalArgumentException on a system that is none of the three
   */
  public static PosixAbi current() {
    return forOs(System.getProperty("os.name", ""));
  }

  /**
   * The ABI of the system that reports {@code osName} as {@code os.name}.
   *
   * @throws IllegalArgumentException naming the system if it is none of the three
   */
  public static PosixAbi forOs(String osName) {
    String os = osName.toLowerCase(Locale.ROOT);
    if (os.startsWith("linux")) {
      return LINUX;
    }
    if (os.startsWith("mac") || os.startsWith("darwin")) {
      return MACOS;
    }
    if (os.startsWith("freebsd")) {
      return FREEBSD;
    }
    throw new IllegalArgumentException("no socket ABI known for the operating system '" + osName
        + "' (known: Linux, macOS, FreeBSD)");
  }

  /** True where sockets and pipes take their flags at creation ({@code accept4}, {@code pipe2}). */
  boolean atomicFlags() {
    return sockNonblock != 0;
  }

  /** The name: {@code linux}, {@code macos} or {@code freebsd}. */
  public String name() {
    return name;
  }

  @Override
  public String toString() {
    return "PosixAbi[" + name + "]";
  }
}
