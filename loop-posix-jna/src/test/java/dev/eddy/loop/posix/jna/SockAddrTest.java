package dev.eddy.loop.posix.jna;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * sockaddr encoding byte for byte in each system's layout, and decoding back. Linux: a two-byte
 * family in host order. BSD (macOS, FreeBSD): {@code sin_len}, then a one-byte family.
 */
class SockAddrTest {

  private static final SockAddr LINUX = new SockAddr(PosixAbi.LINUX);
  private static final SockAddr MACOS = new SockAddr(PosixAbi.MACOS);
  private static final SockAddr FREEBSD = new SockAddr(PosixAbi.FREEBSD);

  /** Linux's family field in host order. */
  private static int[] family(int af) {
    return ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN
        ? new int[] {af, 0} : new int[] {0, af};
  }

  private static byte[] bytes(int... values) {
    byte[] b = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      b[i] = (byte) values[i];
    }
    return b;
  }

  private static int[] concat(int[]... parts) {
    return Stream.of(parts).flatMapToInt(Arrays::stream).toArray();
  }

  private static final int[] PORT_8080_LOOPBACK = {0x1f, 0x90, 127, 0, 0, 1, 0, 0, 0, 0, 0, 0,
      0, 0};
  private static final int[] PORT_443_V6_LOOPBACK = concat(new int[] {0x01, 0xbb, 0, 0, 0, 0},
      new int[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}, new int[4]);
  private static final int[] PATH = {'/', 't', 'm', 'p', '/', 's', 0};

  static Stream<Arguments> fixtures() throws Exception {
    SocketAddress v4 = new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 8080);
    SocketAddress any = new InetSocketAddress(InetAddress.getByName("0.0.0.0"), 0);
    SocketAddress v6 = new InetSocketAddress(InetAddress.getByName("::1"), 443);
    SocketAddress unix = UnixDomainSocketAddress.of("/tmp/s");
    return Stream.of(
        Arguments.of("linux 127.0.0.1:8080", LINUX, v4,
            bytes(concat(family(2), PORT_8080_LOOPBACK))),
        Arguments.of("linux 0.0.0.0:0", LINUX, any, bytes(concat(family(2), new int[14]))),
        Arguments.of("linux [::1]:443", LINUX, v6, bytes(concat(family(10), PORT_443_V6_LOOPBACK))),
        Arguments.of("linux /tmp/s", LINUX, unix, bytes(concat(family(1), PATH))),
        Arguments.of("macos 127.0.0.1:8080", MACOS, v4,
            bytes(concat(new int[] {16, 2}, PORT_8080_LOOPBACK))),
        Arguments.of("macos [::1]:443", MACOS, v6,
            bytes(concat(new int[] {28, 30}, PORT_443_V6_LOOPBACK))),
        Arguments.of("macos /tmp/s", MACOS, unix, bytes(concat(new int[] {9, 1}, PATH))),
        Arguments.of("freebsd 127.0.0.1:8080", FREEBSD, v4,
            bytes(concat(new int[] {16, 2}, PORT_8080_LOOPBACK))),
        Arguments.of("freebsd [::1]:443", FREEBSD, v6,
            bytes(concat(new int[] {28, 28}, PORT_443_V6_LOOPBACK))),
        Arguments.of("freebsd /tmp/s", FREEBSD, unix, bytes(concat(new int[] {9, 1}, PATH))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void encodesByteForByteAndDecodesBack(String name, SockAddr layout, SocketAddress address,
      byte[] expected) {
    byte[] encoded = layout.encode(address, "test");
    assertArrayEquals(expected, encoded);
    byte[] raw = Arrays.copyOf(encoded, SockAddr.MAX_LENGTH);
    assertEquals(address, layout.decode(raw, encoded.length));
  }

  @Test
  void aV4MappedPeerDecodesAsIpv4() throws Exception {
    byte[] raw = bytes(concat(family(10), new int[] {0x00, 0x50, 0, 0, 0, 0},
        new int[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 10, 1, 2, 3}, new int[4]));
    assertEquals(new InetSocketAddress(InetAddress.getByName("10.1.2.3"), 80),
        LINUX.decode(raw, raw.length));
  }

  @Test
  void anUnnamedUnixSocketDecodesAsTheEmptyPath() {
    assertEquals(UnixDomainSocketAddress.of(""), LINUX.decode(bytes(family(1)), 2));
    assertEquals(UnixDomainSocketAddress.of(""), MACOS.decode(bytes(16, 1), 2));
  }

  @Test
  void unixPathsAreLimitedBySunPath() {
    assertEquals(107, LINUX.unPathMax, "sun_path[108] less the NUL");
    assertEquals(103, MACOS.unPathMax, "sun_path[104] less the NUL");
    assertEquals(103, FREEBSD.unPathMax);
    LINUX.encode(UnixDomainSocketAddress.of("/" + "x".repeat(106)), "test");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> MACOS.encode(UnixDomainSocketAddress.of("/" + "x".repeat(103)), "test"));
    assertEquals("Unix socket path longer than 103 bytes: /" + "x".repeat(103), e.getMessage());
  }

  @Test
  void badAddressesAreRejectedWithAReason() {
    IllegalArgumentException unresolved = assertThrows(IllegalArgumentException.class,
        () -> LINUX.encode(InetSocketAddress.createUnresolved("example.org", 80), "test"));
    assertEquals("unresolved address example.org/<unresolved>:80: resolve host names before "
        + "listening or connecting", unresolved.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> LINUX.encode(UnixDomainSocketAddress.of("/" + "x".repeat(107)), "test"));
    IllegalArgumentException foreign = assertThrows(IllegalArgumentException.class,
        () -> LINUX.encode(new SocketAddress() {}, "kqueue"));
    assertEquals(true, foreign.getMessage().startsWith("the kqueue transport supports "
        + "InetSocketAddress and UnixDomainSocketAddress, not "), foreign.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> LINUX.decode(bytes(family(17)), 2), "AF_PACKET is not a stream address");
    assertThrows(IllegalArgumentException.class,
        () -> MACOS.decode(bytes(16, 18), 2), "AF_LINK is not a stream address");
  }
}
