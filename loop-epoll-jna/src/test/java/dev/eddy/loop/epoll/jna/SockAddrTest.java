package dev.eddy.loop.epoll.jna;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteOrder;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** sockaddr encoding byte for byte (Linux layouts), and decoding back. */
class SockAddrTest {

  /** The family field in host order, as the kernel expects it. */
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
    return Stream.of(parts).flatMapToInt(java.util.Arrays::stream).toArray();
  }

  static Stream<Arguments> fixtures() throws Exception {
    return Stream.of(
        Arguments.of("127.0.0.1:8080",
            new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 8080),
            bytes(concat(family(2), new int[] {0x1f, 0x90, 127, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0}))),
        Arguments.of("0.0.0.0:0",
            new InetSocketAddress(InetAddress.getByName("0.0.0.0"), 0),
            bytes(concat(family(2), new int[14]))),
        Arguments.of("[::1]:443",
            new InetSocketAddress(InetAddress.getByName("::1"), 443),
            bytes(concat(family(10), new int[] {0x01, 0xbb, 0, 0, 0, 0},
                new int[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}, new int[4]))),
        Arguments.of("/tmp/s",
            UnixDomainSocketAddress.of("/tmp/s"),
            bytes(concat(family(1), new int[] {'/', 't', 'm', 'p', '/', 's', 0}))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void encodesByteForByteAndDecodesBack(String name, SocketAddress address, byte[] expected) {
    byte[] encoded = SockAddr.encode(address);
    assertArrayEquals(expected, encoded);
    byte[] raw = java.util.Arrays.copyOf(encoded, SockAddr.MAX_LENGTH);
    assertEquals(address, SockAddr.decode(raw, encoded.length));
  }

  @Test
  void aV4MappedPeerDecodesAsIpv4() throws Exception {
    byte[] raw = bytes(concat(family(10), new int[] {0x00, 0x50, 0, 0, 0, 0},
        new int[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 10, 1, 2, 3}, new int[4]));
    assertEquals(new InetSocketAddress(InetAddress.getByName("10.1.2.3"), 80),
        SockAddr.decode(raw, raw.length));
  }

  @Test
  void anUnnamedUnixSocketDecodesAsTheEmptyPath() {
    byte[] raw = bytes(family(1));
    assertEquals(UnixDomainSocketAddress.of(""), SockAddr.decode(raw, 2));
  }

  @Test
  void badAddressesAreRejectedWithAReason() {
    assertThrows(IllegalArgumentException.class,
        () -> SockAddr.encode(InetSocketAddress.createUnresolved("example.org", 80)));
    assertThrows(IllegalArgumentException.class,
        () -> SockAddr.encode(UnixDomainSocketAddress.of("/" + "x".repeat(107))));
    assertThrows(IllegalArgumentException.class,
        () -> SockAddr.decode(bytes(family(17)), 2), "AF_PACKET is not a stream address");
  }
}
