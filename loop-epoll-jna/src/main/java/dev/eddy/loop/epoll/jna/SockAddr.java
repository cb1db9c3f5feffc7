package dev.eddy.loop.epoll.jna;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Linux {@code sockaddr} encoding and decoding: {@code sockaddr_in} (16 bytes), {@code
 * sockaddr_in6} (28) and {@code sockaddr_un} (110). The family is in host order, ports and
 * addresses in network order. Pure Java; unit-tested byte for byte.
 */
final class SockAddr {

  /** Large enough for every family: {@code sizeof(struct sockaddr_storage)}. */
  static final int MAX_LENGTH = 128;
  static final int IN_LENGTH = 16;
  static final int IN6_LENGTH = 28;
  static final int UN_LENGTH = 110;
  /** {@code sun_path} holds 108 bytes including the terminating NUL. */
  static final int UN_PATH_MAX = 107;

  private SockAddr() {}

  /** The address family ({@code AF_INET}, {@code AF_INET6}, {@code AF_UNIX}) of an address. */
  static int family(SocketAddress address) {
    if (address instanceof UnixDomainSocketAddress) {
      return LibC.AF_UNIX;
    }
    if (address instanceof InetSocketAddress) {
      InetSocketAddress inet = (InetSocketAddress) address;
      if (inet.isUnresolved()) {
        throw new IllegalArgumentException("unresolved address " + inet
            + ": resolve host names before listening or connecting");
      }
      return inet.getAddress() instanceof Inet6Address ? LibC.AF_INET6 : LibC.AF_INET;
    }
    throw new IllegalArgumentException("the epoll-jna transport supports InetSocketAddress and "
        + "UnixDomainSocketAddress, not " + (address == null ? "null" : address.getClass()));
  }

  /**
   * Encodes an address; the array's length is the length to pass to the call.
   *
   * @throws IllegalArgumentException for an unresolved or unsupported address, or a Unix path
   *     longer than 107 bytes
   */
  static byte[] encode(SocketAddress address) {
    int family = family(address);
    if (family == LibC.AF_UNIX) {
      byte[] path = ((UnixDomainSocketAddress) address).getPath().toString()
          .getBytes(StandardCharsets.UTF_8);
      if (path.length > UN_PATH_MAX) {
        throw new IllegalArgumentException("Unix socket path longer than " + UN_PATH_MAX
            + " bytes: " + address);
      }
      ByteBuffer b = buffer(2 + path.length + 1);
      b.putShort((short) LibC.AF_UNIX).put(path).put((byte) 0);
      return b.array();
    }
    InetSocketAddress inet = (InetSocketAddress) address;
    byte[] ip = inet.getAddress().getAddress();
    if (family == LibC.AF_INET) {
      ByteBuffer b = buffer(IN_LENGTH);
      b.putShort((short) LibC.AF_INET);
      b.order(ByteOrder.BIG_ENDIAN).putShort((short) inet.getPort()).put(ip);
      return b.array();
    }
    ByteBuffer b = buffer(IN6_LENGTH);
    b.putShort((short) LibC.AF_INET6);
    b.order(ByteOrder.BIG_ENDIAN).putShort((short) inet.getPort()).putInt(0).put(ip);
    int scope = ((Inet6Address) inet.getAddress()).getScopeId();
    b.order(ByteOrder.nativeOrder()).putInt(scope);
    return b.array();
  }

  /**
   * Decodes {@code length} bytes of {@code raw} as the kernel filled them.
   *
   * @throws IllegalArgumentException for a family other than the three
   */
  static SocketAddress decode(byte[] raw, int length) {
    ByteBuffer b = ByteBuffer.wrap(raw, 0, length).order(ByteOrder.nativeOrder());
    int family = b.getShort() & 0xffff;
    try {
      switch (family) {
        case LibC.AF_INET: {
          int port = b.order(ByteOrder.BIG_ENDIAN).getShort() & 0xffff;
          byte[] ip = new byte[4];
          b.get(ip);
          return new InetSocketAddress(InetAddress.getByAddress(ip), port);
        }
        case LibC.AF_INET6: {
          int port = b.order(ByteOrder.BIG_ENDIAN).getShort() & 0xffff;
          b.getInt(); // flow info
          byte[] ip = new byte[16];
          b.get(ip);
          int scope = b.order(ByteOrder.nativeOrder()).getInt();
          // A v4-mapped address (a dual-stack socket's IPv4 peer) comes back as an Inet4Address,
          // as the JDK reports it.
          InetAddress address = scope == 0 ? InetAddress.getByAddress(ip)
              : Inet6Address.getByAddress(null, ip, scope);
          return new InetSocketAddress(address, port);
        }
        case LibC.AF_UNIX: {
          int end = 2;
          while (end < length && raw[end] != 0) {
            end++;
          }
          return UnixDomainSocketAddress.of(new String(raw, 2, end - 2, StandardCharsets.UTF_8));
        }
        default:
          throw new IllegalArgumentException("unsupported address family " + family);
      }
    } catch (UnknownHostException impossible) {
      throw new IllegalArgumentException("bad address length", impossible);
    }
  }

  /** The socket's own address ({@code getsockname}), or null if the call fails (closed). */
  static SocketAddress local(int fd) {
    byte[] raw = new byte[MAX_LENGTH];
    int[] length = {raw.length};
    return LibC.getsockname(fd, raw, length) < 0 ? null : decode(raw, length[0]);
  }

  /** The peer's address ({@code getpeername}), or null if not connected. */
  static SocketAddress peer(int fd) {
    byte[] raw = new byte[MAX_LENGTH];
    int[] length = {raw.length};
    return LibC.getpeername(fd, raw, length) < 0 ? null : decode(raw, length[0]);
  }

  private static ByteBuffer buffer(int length) {
    return ByteBuffer.allocate(length).order(ByteOrder.nativeOrder());
  }
}
