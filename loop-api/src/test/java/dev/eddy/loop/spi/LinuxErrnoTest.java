package dev.eddy.loop.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import org.junit.jupiter.api.Test;

/** The one message format and the JDK's exception types, for every native backend. */
class LinuxErrnoTest {

  @Test
  void messagesNameTheCallTheErrorItsSymbolAndTheAddress() {
    IOException e = LinuxErrno.exception("connect", LinuxErrno.ECONNREFUSED, "Connection refused",
        InetSocketAddress.createUnresolved("localhost", 9));
    assertEquals("connect(..) failed: Connection refused (ECONNREFUSED): localhost/<unresolved>:9",
        e.getMessage());
    assertEquals("accept4(..) failed: error (EMFILE)",
        LinuxErrno.exception("accept4", LinuxErrno.EMFILE, null, null).getMessage());
    assertEquals("recv(..) failed: odd", LinuxErrno.message("recv", "odd", null));
  }

  @Test
  void typesFollowTheJdksChoices() {
    assertInstanceOf(ConnectException.class, exception(LinuxErrno.ECONNREFUSED));
    assertInstanceOf(ConnectException.class, exception(LinuxErrno.ETIMEDOUT));
    assertInstanceOf(NoRouteToHostException.class, exception(LinuxErrno.EHOSTUNREACH));
    assertInstanceOf(NoRouteToHostException.class, exception(LinuxErrno.ENETUNREACH));
    assertInstanceOf(BindException.class, exception(LinuxErrno.EADDRINUSE));
    assertInstanceOf(BindException.class, exception(LinuxErrno.EADDRNOTAVAIL));
    assertEquals(IOException.class, exception(LinuxErrno.ECONNRESET).getClass());
  }

  @Test
  void aFailedConnectIsAConnectExceptionWithTheSameMessage() {
    IOException refused = exception(LinuxErrno.ECONNREFUSED);
    assertSame(refused, LinuxErrno.asConnectException(refused));
    IOException full = exception(LinuxErrno.EAGAIN);
    ConnectException c = LinuxErrno.asConnectException(full);
    assertEquals(full.getMessage(), c.getMessage());
    assertSame(full, c.getCause());
  }

  @Test
  void unknownNumbersStillSaySomething() {
    assertEquals("ENAMETOOLONG", LinuxErrno.name(LinuxErrno.ENAMETOOLONG));
    assertEquals("errno 4095", LinuxErrno.name(4095));
  }

  private static IOException exception(int errno) {
    return LinuxErrno.exception("call", errno, "text", null);
  }
}
