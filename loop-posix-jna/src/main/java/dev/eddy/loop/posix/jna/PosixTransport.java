package dev.eddy.loop.posix.jna;

import dev.eddy.loop.spi.ConnectOptions;
import dev.eddy.loop.spi.LinuxErrno;
import dev.eddy.loop.spi.ListenOptions;
import dev.eddy.loop.spi.PipeHandles;
import dev.eddy.loop.spi.ServerSocketHandle;
import dev.eddy.loop.spi.SocketHandle;
import dev.eddy.loop.spi.Transport;
import java.io.IOException;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;

/**
 * Sockets and pipes straight from libc, for the backends over raw descriptors (epoll-jna,
 * kqueue): non-blocking, close-on-exec {@code socket}, {@code bind}, {@code listen}, non-blocking
 * {@code connect}, and pipes, in the host's {@link PosixAbi}. Descriptors get their flags at
 * creation where the system can ({@code SOCK_NONBLOCK}, {@code accept4}, {@code pipe2}: Linux,
 * FreeBSD) and through {@code fcntl} right after where it cannot (macOS).
 *
 * <p>Decisions: an IPv6 socket is dual-stack ({@code IPV6_V6ONLY} off) unless the listen options
 * ask otherwise, as the JDK's are; a Unix-domain listener removes its socket file when closed;
 * {@code SO_REUSEPORT} on a Unix-domain socket is an {@code UnsupportedOperationException}; an
 * option the system lacks ({@code ENOPROTOOPT}) is an {@code UnsupportedOperationException}
 * naming it. Every handle made here carries the backend's name, and only that backend's pollers
 * accept it ({@link FdHandle#own}).
 *
 * <p>This module is shared by Eddy's JNA backends and is not an API for applications. Thread-safe
 * and immutable.
 */
public final class PosixTransport implements Transport {

  final String backend;
  final PosixAbi abi;
  final SockAddr sockAddr;
  final SocketOptions options;
  final Descriptors descriptors;

  /**
   * The transport of {@code backend} on this host: the host's ABI, atomic flags where it has them.
   *
   * @throws IllegalArgumentException on a system with no known socket ABI
   */
  public static PosixTransport forHost(String backend) {
    PosixAbi abi = PosixAbi.current();
    return new PosixTransport(backend, abi, abi.atomicFlags());
  }

  /**
   * A transport with a chosen ABI and flag strategy.
   *
   * @param backend the name its handles carry and its messages use
   * @param abi the host's ABI (another system's numbers would not work on this kernel)
   * @param atomicFlags use {@code SOCK_NONBLOCK}/{@code accept4}/{@code pipe2}; false takes the
   *     {@code fcntl} path of macOS, which lets Linux tests run that path too
   * @throws IllegalArgumentException if {@code atomicFlags} is asked of a system without them
   */
  public PosixTransport(String backend, PosixAbi abi, boolean atomicFlags) {
    this.backend = backend;
    this.abi = abi;
    this.sockAddr = new SockAddr(abi);
    this.options = new SocketOptions(abi, backend);
    this.descriptors = new Descriptors(abi, atomicFlags);
  }

  /**
   * Loads libc and the error path, and makes (and closes) one socket: what a backend's
   * availability probe needs to know about sockets. Never throws.
   *
   * @return null if sockets work, else why not
   */
  public Throwable probe() {
    try {
      int fd = descriptors.socket(PosixAbi.AF_INET);
      if (fd < 0) {
        return PosixErrno.exception("socket", PosixErrno.last());
      }
      LibC.close(fd);
      PosixErrno.preload();
      return null;
    } catch (LinkageError | RuntimeException e) {
      // NoClassDefFoundError without the JNA jar, UnsatisfiedLinkError without its native part
      return new UnsupportedOperationException("JNA or libc cannot be loaded: " + e, e);
    }
  }

  @Override
  public String toString() {
    return "PosixTransport[" + backend + ", " + abi.name() + ", " + descriptors + "]";
  }

  @Override
  public ServerSocketHandle listen(SocketAddress address, ListenOptions options)
      throws IOException {
    int family = sockAddr.family(address, backend);
    byte[] sockaddr = sockAddr.encode(address, backend);
    if (family == PosixAbi.AF_UNIX && options.reusePort()) {
      throw new UnsupportedOperationException("SO_REUSEPORT does not apply to Unix-domain "
          + "sockets: " + address);
    }
    int fd = newSocket(family);
    try {
      if (family != PosixAbi.AF_UNIX) {
        if (options.reuseAddress()) {
          setInt(fd, abi.solSocket, abi.soReuseaddr, 1, "SO_REUSEADDR");
        }
        if (options.reusePort()) {
          setInt(fd, abi.solSocket, abi.soReuseport, 1, "SO_REUSEPORT");
        }
        if (family == abi.afInet6 && options.ipv6Only()) {
          setInt(fd, PosixAbi.IPPROTO_IPV6, abi.ipv6V6only, 1, "IPV6_V6ONLY");
        }
      }
      if (LibC.bind(fd, sockaddr, sockaddr.length) < 0) {
        throw PosixErrno.exception("bind", PosixErrno.last(), address);
      }
      if (LibC.listen(fd, options.backlog()) < 0) {
        throw PosixErrno.exception("listen", PosixErrno.last(), address);
      }
    } catch (IOException | RuntimeException e) {
      LibC.close(fd);
      throw e;
    }
    return new FdServerSocket(this, fd, family,
        family == PosixAbi.AF_UNIX ? (UnixDomainSocketAddress) address : null);
  }

  @Override
  public SocketHandle connect(SocketAddress address, ConnectOptions options) throws IOException {
    int family = sockAddr.family(address, backend);
    byte[] sockaddr = sockAddr.encode(address, backend);
    int fd = newSocket(family);
    boolean connected;
    try {
      SocketAddress local = options.localAddress();
      if (local != null) {
        byte[] localAddr = sockAddr.encode(local, backend);
        if (LibC.bind(fd, localAddr, localAddr.length) < 0) {
          throw PosixErrno.exception("bind", PosixErrno.last(), local);
        }
      }
      if (LibC.connect(fd, sockaddr, sockaddr.length) == 0) {
        connected = true;
      } else {
        int errno = PosixErrno.last();
        if (errno != LinuxErrno.EINPROGRESS && errno != LinuxErrno.EINTR) {
          IOException e = PosixErrno.exception("connect", errno, address);
          // A Unix-domain listener with a full backlog answers EAGAIN: a refused connect too.
          throw errno == LinuxErrno.EAGAIN ? LinuxErrno.asConnectException(e) : e;
        }
        connected = false;
      }
    } catch (IOException | RuntimeException e) {
      LibC.close(fd);
      throw e;
    }
    return new FdSocket(this, fd, family, connected, address);
  }

  @Override
  public PipeHandles pipe() throws IOException {
    int[] fds = new int[2];
    if (descriptors.pipe(fds) < 0) {
      throw PosixErrno.exception("pipe", PosixErrno.last());
    }
    return new PipeHandles(new FdPipeEnd(backend, fds[0], true),
        new FdPipeEnd(backend, fds[1], false));
  }

  private int newSocket(int family) throws IOException {
    int fd = descriptors.socket(family);
    if (fd < 0) {
      throw PosixErrno.exception("socket", PosixErrno.last());
    }
    if (family == abi.afInet6) {
      try {
        setInt(fd, PosixAbi.IPPROTO_IPV6, abi.ipv6V6only, 0, "IPV6_V6ONLY"); // dual-stack
      } catch (IOException e) {
        LibC.close(fd);
        throw e;
      }
    }
    return fd;
  }

  private void setInt(int fd, int level, int name, int value, String what)
      throws IOException {
    if (LibC.setsockopt(fd, level, name, new int[] {value}, 4) < 0) {
      int errno = PosixErrno.last();
      if (errno == LinuxErrno.ENOPROTOOPT) {
        throw new UnsupportedOperationException(what + " is not supported here: "
            + PosixErrno.describe(errno));
      }
      throw PosixErrno.exception("setsockopt " + what, errno);
    }
  }
}
