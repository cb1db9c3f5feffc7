package dev.eddy.loop.posix.jna;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.loop.spi.LinuxErrno;
import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every system's errno in Linux's vocabulary, from each system's {@code <sys/errno.h>}; and
 * libc's texts in the message every native backend gives.
 */
class PosixErrnoTest {

  @ParameterizedTest(name = "{0}: BSD {1} is Linux {2}")
  @CsvSource({
    "EPERM, 1, 1", "ENOENT, 2, 2", "EINTR, 4, 4", "EBADF, 9, 9", "ENOMEM, 12, 12",
    "EACCES, 13, 13", "EEXIST, 17, 17", "EINVAL, 22, 22", "ENFILE, 23, 23", "EMFILE, 24, 24",
    "EPIPE, 32, 32", "EAGAIN, 35, 11", "EINPROGRESS, 36, 115", "EALREADY, 37, 114",
    "ENOPROTOOPT, 42, 92", "EOPNOTSUPP, 45, 95", "EAFNOSUPPORT, 47, 97", "EADDRINUSE, 48, 98",
    "EADDRNOTAVAIL, 49, 99", "ENETUNREACH, 51, 101", "ECONNABORTED, 53, 103",
    "ECONNRESET, 54, 104", "ENOBUFS, 55, 105", "EISCONN, 56, 106", "ENOTCONN, 57, 107",
    "ETIMEDOUT, 60, 110", "ECONNREFUSED, 61, 111", "ENAMETOOLONG, 63, 36",
    "EHOSTUNREACH, 65, 113"
  })
  void bsdNumbersBecomeLinuxOnes(String name, int bsd, int linux) {
    assertEquals(linux, PosixErrno.canonical(PosixAbi.MACOS, bsd), "macOS " + name);
    assertEquals(linux, PosixErrno.canonical(PosixAbi.FREEBSD, bsd), "FreeBSD " + name);
    assertEquals(name, LinuxErrno.name(linux));
  }

  @Test
  void linuxNumbersAreThemselves() {
    for (int errno = 0; errno < 128; errno++) {
      assertEquals(errno, PosixErrno.canonical(PosixAbi.LINUX, errno));
    }
  }

  @Test
  void bsdNumbersWithoutALinuxNameNeverEqualALinuxConstant() {
    int edeadlk = 11; // BSD's EDEADLK is Linux's EAGAIN
    assertNotEquals(LinuxErrno.EAGAIN, PosixErrno.canonical(PosixAbi.FREEBSD, edeadlk));
    assertEquals(PosixErrno.UNNAMED | 11, PosixErrno.canonical(PosixAbi.MACOS, edeadlk));
    assertEquals(LinuxErrno.EOPNOTSUPP, PosixErrno.canonical(PosixAbi.MACOS, 102),
        "macOS numbers EOPNOTSUPP 102");
    assertEquals(PosixErrno.UNNAMED | 102, PosixErrno.canonical(PosixAbi.FREEBSD, 102));
    assertEquals(PosixErrno.UNNAMED | 500, PosixErrno.canonical(PosixAbi.FREEBSD, 500));
  }

  @Test
  void messagesNameTheCallTheErrorAndItsSymbol() {
    IOException e = PosixErrno.exception("connect", LinuxErrno.ECONNREFUSED,
        InetSocketAddress.createUnresolved("localhost", 9));
    assertInstanceOf(ConnectException.class, e);
    assertEquals("connect(..) failed: Connection refused (ECONNREFUSED): localhost/<unresolved>:9",
        e.getMessage());
    assertEquals("accept4(..) failed: Too many open files (EMFILE)",
        PosixErrno.exception("accept4", LinuxErrno.EMFILE).getMessage());
    assertInstanceOf(BindException.class, PosixErrno.exception("bind", LinuxErrno.EADDRINUSE));
  }

  @Test
  void anUnnamedNumberIsShownAsTheSystemsOwn() {
    int unnamed = PosixErrno.UNNAMED | 200;
    String message = PosixErrno.exception("read", unnamed).getMessage();
    assertTrue(message.startsWith("read(..) failed: ") && message.endsWith(" (errno 200)"),
        message);
  }
}
