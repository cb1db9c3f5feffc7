package dev.eddy.loop.posix.jna;

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
 * {@code sockaddr} encoding and decoding in one system's layout: {@code sockaddr_in} (16 bytes),
 * {@code sockaddr_in6} (28) and {@code sockaddr_un} (110 on Linux, 106 on the BSDs). Linux starts
 * with a two-byte family in host order; BSD with a length byte ({@code sin_len}) and a one-byte
 * family. Ports and addresses are in network order, the IPv6 scope in host order. Pure Java;
 * unit-tested byte for byte for each layout. Immutable and thread-safe.
 */
final class SockAddr {

  /** Large enough for every family: {@code sizeof(struct sockaddr_storage)}. */
  static final int MAX_LENGTH = 128;
  static final int IN_LENGTH = 16;
  static final int IN6_LENGTH = 28;

  private final PosixAbi abi;
  /** The longest Unix socket path: {@code sun_path} less its terminating NUL. */
  final int unPathMax;

  SockAddr(PosixAbi abi) {
    this.abi = abi;
    this.unPathMax = abi.unLength - 2 - 1;
  }

  /** The address family ({@code AF_INET}, {@code AF_INET6}, {@code AF_UNIX}) of an address. */
  int family(SocketAddress address, String backend) {
    if (address instanceof UnixDomainSocketAddress) {
      return PosixAbi.AF_UNIX;
    }
    if (address instanceof InetSocketAddress) {
      InetSocketAddress inet = (InetSocketAddress) address;
      if (inet.isUnresolved()) {
        throw new IllegalArgumentException("unresolved address " + inet
            + ": resolve host names before listening or connecting");
      }
      return inet.getAddress() instanceof Inet6Address ? abi.afInet6 : PosixAbi.AF_INET;
    }
    throw new IllegalArgumentException("the " + backend + " transport supports InetSocketAddress "
        + "and UnixDomainSocketAddress, not " + (address == null ? "null" : address.getClass()));
  }

  /**
   * Encodes an address; the array's length is the length to pass to the call.
   *
   * @throws IllegalArgumentException for an unresolved or unsupported address, or a Unix path
   *     longer than {@link #unPathMax} bytes
   */
  byte[] encode(SocketAddress address, String backend) {
    int family = family(address, backend);
    if (family == PosixAbi.AF_UNIX) {
      byte[] path = ((UnixDomainSocketAddress) address).getPath().toString()
          .getBytes(StandardCharsets.UTF_8);
      if (path.length > unPathMax) {
        throw new IllegalArgumentException("Unix socket path longer than " + unPathMax
            + " bytes: " + address);
      }
      ByteBuffer b = header(2 + path.length + 1, family);
      b.put(path).put((byte) 0);
      return b.array();
    }
    InetSocketAddress inet = (InetSocketAddress) address;
    byte[] ip = inet.getAddress().getAddress();
    if (family == PosixAbi.AF_INET) {
      ByteBuffer b = header(IN_LENGTH, family);
      b.order(ByteOrder.BIG_ENDIAN).putShort((short) inet.getPort()).put(ip);
      return b.array();
    }
    ByteBuffer b = header(IN6_LENGTH, family);
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
  SocketAddress decode(byte[] raw, int length) {
    ByteBuffer b = ByteBuffer.wrap(raw, 0, length).order(ByteOrder.nativeOrder());
    int family;
    if (abi.lengthByte) {
      b.get(); // sa_len
      family = b.get() & 0xff;
    } else {
      family = b.getShort() & 0xffff;
    }
    try {
      if (family == PosixAbi.AF_INET) {
        int port = b.order(ByteOrder.BIG_ENDIAN).getShort() & 0xffff;
        byte[] ip = new byte[4];
        b.get(ip);
        return new InetSocketAddress(InetAddress.getByAddress(ip), port);
      }
      if (family == abi.afInet6) {
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
      if (family == PosixAbi.AF_UNIX) {
        int end = 2;
        while (end < length && raw[end] != 0) {
          end++;
        }
        return UnixDomainSocketAddress.of(new String(raw, 2, end - 2, StandardCharsets.UTF_8));
      }
      throw new IllegalArgumentException("unsupported address family " + family);
    } catch (UnknownHostException impossible) {
      throw new IllegalArgumentException("bad address length", impossible);
    }
  }

  /** The socket's own address ({@code getsockname}), or null if the call fails (closed). */
  SocketAddress local(int fd) {
    byte[] raw = new byte[MAX_LENGTH];
    int[] length = {raw.length};
    return LibC.getsockname(fd, raw, length) < 0 ? null : decode(raw, length[0]);
  }

  /** The peer's address ({@code getpeername}), or null if not connected. */
  SocketAddress peer(int fd) {
    byte[] raw = new byte[MAX_LENGTH];
    int[] length = {raw.length};
    return LibC.getpeername(fd, raw, length) < 0 ? null : decode(raw, length[0]);
  }

  /** A buffer of {@code length} bytes with the family header written. */
  private ByteBuffer header(int length, int family) {
    ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.nativeOrder());
    if (abi.lengthByte) {
      b.put((byte) length).put((byte) family);
    } else {
      b.putShort((short) family);
    }
    return b;
  }
}
