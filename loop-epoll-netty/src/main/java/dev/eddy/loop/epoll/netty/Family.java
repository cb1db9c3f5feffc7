package dev.eddy.loop.epoll.netty;

import io.netty.channel.epoll.LinuxSocket;
import io.netty.channel.unix.DomainSocketAddress;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * The address families this transport speaks, and the conversions between the JDK's addresses
 * and Netty's: an {@link InetSocketAddress} passes as it is; a JDK {@link UnixDomainSocketAddress}
 * becomes Netty's {@link DomainSocketAddress} and back.
 */
enum Family {
  INET, INET6, UNIX;

  /** {@code sun_path} holds 108 bytes including the terminating NUL. */
  static final int UNIX_PATH_MAX = 107;

  /**
   * The family of an address.
   *
   * @throws IllegalArgumentException for an unresolved address or another address type
   */
  static Family of(SocketAddress address) {
    if (address instanceof UnixDomainSocketAddress) {
      return UNIX;
    }
    if (address instanceof InetSocketAddress) {
      InetSocketAddress inet = (InetSocketAddress) address;
      if (inet.isUnresolved()) {
        throw new IllegalArgumentException("unresolved address " + inet
            + ": resolve host names before listening or connecting");
      }
      return inet.getAddress() instanceof Inet6Address ? INET6 : INET;
    }
    throw new IllegalArgumentException("the epoll-netty transport supports InetSocketAddress and "
        + "UnixDomainSocketAddress, not " + (address == null ? "null" : address.getClass()));
  }

  /**
   * The address as Netty takes it.
   *
   * @throws IllegalArgumentException for a Unix path longer than 107 bytes
   */
  static SocketAddress toNetty(SocketAddress address) {
    if (of(address) != UNIX) {
      return address;
    }
    String path = ((UnixDomainSocketAddress) address).getPath().toString();
    if (path.getBytes(StandardCharsets.UTF_8).length > UNIX_PATH_MAX) {
      throw new IllegalArgumentException("Unix socket path longer than " + UNIX_PATH_MAX
          + " bytes: " + address);
    }
    return new DomainSocketAddress(path);
  }

  /** A Netty Unix-domain address as the JDK's; null stays null. */
  static UnixDomainSocketAddress fromNetty(DomainSocketAddress address) {
    return address == null ? null : UnixDomainSocketAddress.of(address.path());
  }

  /**
   * A new non-blocking stream socket of this family. Netty makes every socket with {@code
   * SOCK_NONBLOCK}, and an IPv6 one dual-stack ({@code IPV6_V6ONLY} off).
   *
   * @throws io.netty.channel.ChannelException if the operating system refuses (too many open
   *     files)
   */
  LinuxSocket newSocket() {
    switch (this) {
      case UNIX:
        return LinuxSocket.newSocketDomain();
      case INET6:
        return LinuxSocket.newSocketStream(true);
      default:
        return LinuxSocket.newSocketStream(false);
    }
  }
}
