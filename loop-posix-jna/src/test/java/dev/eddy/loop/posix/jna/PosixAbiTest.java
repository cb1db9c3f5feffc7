package dev.eddy.loop.posix.jna;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.ToIntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The constants of each system, as its headers define them, in one table. */
class PosixAbiTest {

  /** {name, accessor, Linux, macOS, FreeBSD}. */
  static List<Object[]> table() {
    return List.of(
        row("AF_INET6", a -> a.afInet6, 10, 30, 28),
        row("SOCK_NONBLOCK", a -> a.sockNonblock, 0x800, 0, 0x20000000),
        row("SOCK_CLOEXEC", a -> a.sockCloexec, 0x80000, 0, 0x10000000),
        row("O_NONBLOCK", a -> a.oNonblock, 0x800, 0x4, 0x4),
        row("O_CLOEXEC", a -> a.oCloexec, 0x80000, 0x1000000, 0x100000),
        row("SOL_SOCKET", a -> a.solSocket, 1, 0xffff, 0xffff),
        row("SO_REUSEADDR", a -> a.soReuseaddr, 2, 0x4, 0x4),
        row("SO_ERROR", a -> a.soError, 4, 0x1007, 0x1007),
        row("SO_SNDBUF", a -> a.soSndbuf, 7, 0x1001, 0x1001),
        row("SO_RCVBUF", a -> a.soRcvbuf, 8, 0x1002, 0x1002),
        row("SO_KEEPALIVE", a -> a.soKeepalive, 9, 0x8, 0x8),
        row("SO_LINGER (seconds)", a -> a.soLingerSeconds, 13, 0x1080, 0x80),
        row("SO_REUSEPORT", a -> a.soReuseport, 15, 0x200, 0x200),
        row("SO_NOSIGPIPE", a -> a.soNosigpipe, 0, 0x1022, 0x800),
        row("IPV6_V6ONLY", a -> a.ipv6V6only, 26, 27, 27),
        row("sizeof(sockaddr_un)", a -> a.unLength, 110, 106, 106));
  }

  private static Object[] row(String name, ToIntFunction<PosixAbi> field, int linux, int macos,
      int freebsd) {
    return new Object[] {name, field, linux, macos, freebsd};
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void constantsMatchEachSystemsHeaders(String name, ToIntFunction<PosixAbi> field, int linux,
      int macos, int freebsd) {
    assertEquals(linux, field.applyAsInt(PosixAbi.LINUX), "Linux " + name);
    assertEquals(macos, field.applyAsInt(PosixAbi.MACOS), "macOS " + name);
    assertEquals(freebsd, field.applyAsInt(PosixAbi.FREEBSD), "FreeBSD " + name);
  }

  @Test
  void theSharedConstants() {
    assertEquals(1, PosixAbi.AF_UNIX);
    assertEquals(2, PosixAbi.AF_INET);
    assertEquals(1, PosixAbi.SOCK_STREAM);
    assertEquals(6, PosixAbi.IPPROTO_TCP);
    assertEquals(41, PosixAbi.IPPROTO_IPV6);
    assertEquals(4, PosixAbi.F_SETFL);
  }

  @Test
  void layoutsAndFlagStrategies() {
    assertFalse(PosixAbi.LINUX.lengthByte);
    assertTrue(PosixAbi.MACOS.lengthByte);
    assertTrue(PosixAbi.FREEBSD.lengthByte);
    assertTrue(PosixAbi.LINUX.atomicFlags());
    assertFalse(PosixAbi.MACOS.atomicFlags(), "macOS has no accept4, pipe2 or SOCK_NONBLOCK");
    assertTrue(PosixAbi.FREEBSD.atomicFlags());
    assertThrows(IllegalArgumentException.class,
        () -> new Descriptors(PosixAbi.MACOS, true));
  }

  @Test
  void theSystemIsFoundFromItsName() {
    assertSame(PosixAbi.LINUX, PosixAbi.forOs("Linux"));
    assertSame(PosixAbi.MACOS, PosixAbi.forOs("Mac OS X"));
    assertSame(PosixAbi.FREEBSD, PosixAbi.forOs("FreeBSD"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PosixAbi.forOs("Windows 11"));
    assertEquals("no socket ABI known for the operating system 'Windows 11' (known: Linux, "
        + "macOS, FreeBSD)", e.getMessage());
  }
}
