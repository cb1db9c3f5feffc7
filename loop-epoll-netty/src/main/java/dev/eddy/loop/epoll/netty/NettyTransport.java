package dev.eddy.loop.epoll.netty;

import dev.eddy.loop.spi.ConnectOptions;
import dev.eddy.loop.spi.LinuxErrno;
import dev.eddy.loop.spi.ListenOptions;
import dev.eddy.loop.spi.PipeHandles;
import dev.eddy.loop.spi.ServerSocketHandle;
import dev.eddy.loop.spi.SocketHandle;
import dev.eddy.loop.spi.Transport;
import io.netty.channel.ChannelException;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.LinuxSocket;
import io.netty.channel.unix.FileDescriptor;
import java.io.IOException;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;

/**
 * Sockets and pipes through Netty's public native API: {@code LinuxSocket} for TCP over IPv4 and
 * IPv6 and for Unix-domain streams, {@code FileDescriptor.pipe()} for pipes. Every handle is
 * non-blocking. An IPv6 listener is dual-stack unless {@code ListenOptions.ipv6Only} asks
 * otherwise. A Unix-domain listener removes its socket file when closed.
 *
 * <p>Close-on-exec: Netty makes sockets with {@code SOCK_NONBLOCK} only and pipes with {@code
 * pipe2(O_NONBLOCK)} only (accepted sockets do get {@code SOCK_CLOEXEC}), and its public API has
 * no {@code fcntl} to add it. The JVM's own process launcher closes every inherited descriptor in
 * the child, so only native code that forks by itself would see them.
 *
 * <p>Thread-safe and stateless.
 */
final class NettyTransport implements Transport {

  static final NettyTransport INSTANCE = new NettyTransport();

  // <netinet/in.h>, the same on every Linux architecture
  private static final int IPPROTO_IPV6 = 41;
  private static final int IPV6_V6ONLY = 26;

  static {
    // Netty's unix classes work only once its native library is loaded, which the provider's
    // probe does; this makes it true for every way into this class.
    Epoll.ensureAvailability();
  }

  private NettyTransport() {}

  @Override
  public ServerSocketHandle listen(SocketAddress address, ListenOptions options)
      throws IOException {
    Family family = Family.of(address);
    SocketAddress nettyAddress = Family.toNetty(address);
    if (family == Family.UNIX && options.reusePort()) {
      throw new UnsupportedOperationException("SO_REUSEPORT does not apply to Unix-domain "
          + "sockets: " + address);
    }
    LinuxSocket socket = newSocket(family);
    try {
      if (family != Family.UNIX) {
        if (options.reuseAddress()) {
          setOption(() -> socket.setReuseAddress(true), "SO_REUSEADDR");
        }
        if (options.reusePort()) {
          setOption(() -> socket.setReusePort(true), "SO_REUSEPORT");
        }
        if (family == Family.INET6) {
          int only = options.ipv6Only() ? 1 : 0;
          setOption(() -> socket.setIntOpt(IPPROTO_IPV6, IPV6_V6ONLY, only), "IPV6_V6ONLY");
        }
      }
      try {
        socket.bind(nettyAddress);
      } catch (IOException | ChannelException e) {
        throw Errno.translate("bind", e, address);
      }
      try {
        socket.listen(options.backlog());
      } catch (IOException | ChannelException e) {
        throw Errno.translate("listen", e, address);
      }
    } catch (IOException | RuntimeException e) {
      closeQuietly(socket);
      throw e;
    }
    return new NettyServerSocket(socket, family,
        family == Family.UNIX ? (UnixDomainSocketAddress) address : null);
  }

  @Override
  public SocketHandle connect(SocketAddress address, ConnectOptions options) throws IOException {
    Family family = Family.of(address);
    SocketAddress nettyAddress = Family.toNetty(address);
    SocketAddress local = options.localAddress();
    SocketAddress nettyLocal = local == null ? null : Family.toNetty(local);
    LinuxSocket socket = newSocket(family);
    boolean connected;
    try {
      if (nettyLocal != null) {
        try {
          socket.bind(nettyLocal);
        } catch (IOException | ChannelException e) {
          throw Errno.translate("bind", e, local);
        }
      }
      try {
        connected = socket.connect(nettyAddress); // false: EINPROGRESS
      } catch (IOException | IllegalStateException | ChannelException e) {
        IOException failure = Errno.translate("connect", e, address);
        // A Unix-domain listener with a full backlog answers EAGAIN: a refused connect too.
        throw Errno.of(e) == LinuxErrno.EAGAIN ? LinuxErrno.asConnectException(failure) : failure;
      }
    } catch (IOException | RuntimeException e) {
      closeQuietly(socket);
      throw e;
    }
    return new NettySocket(socket, family, connected, address);
  }

  /**
   * A pipe from {@code pipe2(O_NONBLOCK)}: non-blocking as the SPI needs; not close-on-exec (see
   * the class comment).
   */
  @Override
  public PipeHandles pipe() throws IOException {
    FileDescriptor[] ends;
    try {
      ends = FileDescriptor.pipe();
    } catch (IOException | ChannelException e) {
      throw Errno.translate("pipe2", e, null);
    }
    return new PipeHandles(new NettyPipeEnd(ends[0], true), new NettyPipeEnd(ends[1], false));
  }

  private static LinuxSocket newSocket(Family family) throws IOException {
    try {
      return family.newSocket();
    } catch (ChannelException e) {
      throw Errno.translate("socket", e, null);
    }
  }

  @FunctionalInterface
  private interface OptionSetter {
    void set() throws IOException;
  }

  private static void setOption(OptionSetter setter, String what) throws IOException {
    try {
      setter.set();
    } catch (IOException | ChannelException e) {
      if (Errno.of(e) == LinuxErrno.ENOPROTOOPT) {
        throw new UnsupportedOperationException(what + " is not supported here: "
            + Errno.describe(LinuxErrno.ENOPROTOOPT), e);
      }
      throw Errno.translate("setsockopt " + what, e, null);
    }
  }

  private static void closeQuietly(LinuxSocket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // close(2) released the descriptor regardless; the first error is the one to report
    }
  }
}
