package dev.eddy.loop.epoll.jna;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.eddy.loop.spi.LinuxErrno;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/**
 * libc's texts in the message every native backend gives; the symbols and the types are {@link
 * LinuxErrno}'s, tested with it.
 */
class ErrnoTest {

  @Test
  void messagesNameTheCallTheErrorAndItsSymbol() {
    IOException e = Errno.exception("connect", LinuxErrno.ECONNREFUSED,
        InetSocketAddress.createUnresolved("localhost", 9));
    assertInstanceOf(ConnectException.class, e);
    assertEquals("connect(..) failed: Connection refused (ECONNREFUSED): localhost/<unresolved>:9",
        e.getMessage());
    assertEquals("accept4(..) failed: Too many open files (EMFILE)",
        Errno.exception("accept4", LinuxErrno.EMFILE).getMessage());
  }
}
