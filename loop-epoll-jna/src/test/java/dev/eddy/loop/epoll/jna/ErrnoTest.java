package dev.eddy.loop.epoll.jna;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import org.junit.jupiter.api.Test;

/** errno to exceptions: the call, the text, the symbol, and the right type. */
class ErrnoTest {

  @Test
  void messagesNameTheCallTheErrorAndItsSymbol() {
    IOException e = Errno.exception("connect", Errno.ECONNREFUSED,
        InetSocketAddress.createUnresolved("localhost", 9));
    assertInstanceOf(ConnectException.class, e);
    assertEquals("connect(..) failed: Connection refused (ECONNREFUSED): localhost/<unresolved>:9",
        e.getMessage());
    assertEquals("accept4(..) failed: Too many open files (EMFILE)",
        Errno.exception("accept4", Errno.EMFILE).getMessage());
  }

  @Test
  void typesFollowTheJdksChoices() {
    assertInstanceOf(BindException.class, Errno.exception("bind", Errno.EADDRINUSE));
    assertInstanceOf(NoRouteToHostException.class, Errno.exception("connect", Errno.EHOSTUNREACH));
    assertEquals(IOException.class, Errno.exception("read", Errno.ECONNRESET).getClass());
  }

  @Test
  void unknownNumbersStillSaySomething() {
    assertEquals("errno 4095", Errno.name(4095));
  }
}
