package dev.eddy.loop.epoll.jna;

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
 * Sockets and pipes straight from libc: {@code socket(SOCK_NONBLOCK | SOCK_CLOEXEC)}, {@code
 * bind}, {@code listen}, non-blocking {@code connect}, {@code pipe2}. An IPv6 socket is dual-stack
 * ({@code IPV6_V6ONLY} off), as the JDK's are. A Unix-domain listener removes its socket file when
 * closed. Thread-safe and stateless.
 */
final class EpollTransport implements Transport {

  static final EpollTransport INSTANCE = new EpollTransport();

  private EpollTransport() {}

  @Override
  public ServerSocketHandle listen(SocketAddress address, ListenOptions options)
      throws IOException {
    int family = SockAddr.family(address);
    byte[] sockaddr = SockAddr.encode(address);
    if (family == LibC.AF_UNIX && options.reusePort()) {
      throw new UnsupportedOperationException("SO_REUSEPORT does not apply to Unix-domain "
          + "sockets: " + address);
    }
    int fd = newSocket(family);
    try {
      if (family != LibC.AF_UNIX) {
        if (options.reuseAddress()) {
          setInt(fd, LibC.SOL_SOCKET, LibC.SO_REUSEADDR, 1, "SO_REUSEADDR");
        }
        if (options.reusePort()) {
          setInt(fd, LibC.SOL_SOCKET, LibC.SO_REUSEPORT, 1, "SO_REUSEPORT");
        }
        if (family == LibC.AF_INET6 && options.ipv6Only()) {
          setInt(fd, LibC.IPPROTO_IPV6, LibC.IPV6_V6ONLY, 1, "IPV6_V6ONLY");
        }
      }
      if (LibC.bind(fd, sockaddr, sockaddr.length) < 0) {
        throw Errno.exception("bind", Errno.last(), address);
      }
      if (LibC.listen(fd, options.backlog()) < 0) {
        throw Errno.exception("listen", Errno.last(), address);
      }
    } catch (IOException | RuntimeException e) {
      LibC.close(fd);
      throw e;
    }
    return new FdServerSocket(fd, family,
        family == LibC.AF_UNIX ? (UnixDomainSocketAddress) address : null);
  }

  @Override
  public SocketHandle connect(SocketAddress address, ConnectOptions options) throws IOException {
    int family = SockAddr.family(address);
    byte[] sockaddr = SockAddr.encode(address);
    int fd = newSocket(family);
    boolean connected;
    try {
      SocketAddress local = options.localAddress();
      if (local != null) {
        byte[] localAddr = SockAddr.encode(local);
        if (LibC.bind(fd, localAddr, localAddr.length) < 0) {
          throw Errno.exception("bind", Errno.last(), local);
        }
      }
      if (LibC.connect(fd, sockaddr, sockaddr.length) == 0) {
        connected = true;
      } else {
        int errno = Errno.last();
        if (errno != LinuxErrno.EINPROGRESS && errno != LinuxErrno.EINTR) {
          IOException e = Errno.exception("connect", errno, address);
          // A Unix-domain listener with a full backlog answers EAGAIN: a refused connect too.
          throw errno == LinuxErrno.EAGAIN ? LinuxErrno.asConnectException(e) : e;
        }
        connected = false;
      }
    } catch (IOException | RuntimeException e) {
      LibC.close(fd);
      throw e;
    }
    return new FdSocket(fd, family, connected, address);
  }

  @Override
  public PipeHandles pipe() throws IOException {
    int[] fds = new int[2];
    if (LibC.pipe2(fds, LibC.O_NONBLOCK | LibC.O_CLOEXEC) < 0) {
      throw Errno.exception("pipe2", Errno.last());
    }
    return new PipeHandles(new FdPipeEnd(fds[0], true), new FdPipeEnd(fds[1], false));
  }

  private static int newSocket(int family) throws IOException {
    int fd = LibC.socket(family, LibC.SOCK_STREAM | LibC.SOCK_NONBLOCK | LibC.SOCK_CLOEXEC, 0);
    if (fd < 0) {
      throw Errno.exception("socket", Errno.last());
    }
    if (family == LibC.AF_INET6) {
      try {
        setInt(fd, LibC.IPPROTO_IPV6, LibC.IPV6_V6ONLY, 0, "IPV6_V6ONLY"); // dual-stack
      } catch (IOException e) {
        LibC.close(fd);
        throw e;
      }
    }
    return fd;
  }

  private static void setInt(int fd, int level, int name, int value, String what)
      throws IOException {
    if (LibC.setsockopt(fd, level, name, new int[] {value}, 4) < 0) {
      int errno = Errno.last();
      if (errno == LinuxErrno.ENOPROTOOPT) {
        throw new UnsupportedOperationException(what + " is not supported here: "
            + Errno.describe(errno));
      }
      throw Errno.exception("setsockopt " + what, errno);
    }
  }
}
