package dev.eddy.loop.epoll.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.eddy.loop.spi.LinuxErrno;
import io.netty.channel.ChannelException;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.unix.Errors;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.nio.channels.NotYetConnectedException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Netty's many shapes of an errno, back to the number, and Netty's texts in the message every
 * native backend gives; the symbols and the types are {@link LinuxErrno}'s, tested with it.
 */
class ErrnoTest {

  @BeforeAll
  static void loadNettysNativeLibrary() {
    Epoll.ensureAvailability(); // as the provider's probe does before anything else
  }

  @Test
  void messagesNameTheCallTheErrorAndItsSymbol() {
    IOException e = Errno.exception("connect", LinuxErrno.ECONNREFUSED,
        InetSocketAddress.createUnresolved("localhost", 9));
    assertInstanceOf(ConnectException.class, e);
    assertEquals("connect(..) failed: Connection refused (ECONNREFUSED): localhost/<unresolved>:9",
        e.getMessage());
    assertEquals("accept4(..) failed: Too many open files (EMFILE)",
        Errno.exception("accept4", LinuxErrno.EMFILE, null).getMessage());
  }

  @Test
  void everyShapeNettyUsesGivesTheErrnoBack() {
    assertEquals(LinuxErrno.EMFILE,
        Errno.of(new Errors.NativeIoException("accept", -LinuxErrno.EMFILE)));
    assertEquals(LinuxErrno.ECONNREFUSED, Errno.of(new ConnectException(
        "connect(..) failed with error(-111): Connection refused")));
    assertEquals(LinuxErrno.EMFILE, Errno.of(new ChannelException(
        new Errors.NativeIoException("newSocketStream", -LinuxErrno.EMFILE))));
    assertEquals(LinuxErrno.ENOPROTOOPT, Errno.of(new ChannelException(
        "setsockopt() failed: Protocol not available")));
    assertEquals(LinuxErrno.ENOENT, Errno.of(new FileNotFoundException()));
    assertEquals(LinuxErrno.EHOSTUNREACH, Errno.of(new NoRouteToHostException()));
    assertEquals(LinuxErrno.ENOTCONN, Errno.of(new NotYetConnectedException()));
    assertEquals(0, Errno.of(new IOException("something else")));
  }

  @Test
  void translationKeepsNettysExceptionAsTheCause() {
    Errors.NativeIoException netty =
        new Errors.NativeIoException("bind", -LinuxErrno.EADDRINUSE);
    InetSocketAddress address = new InetSocketAddress("127.0.0.1", 8080);
    IOException e = Errno.translate("bind", netty, address);
    assertInstanceOf(BindException.class, e);
    assertEquals("bind(..) failed: Address already in use (EADDRINUSE): " + address,
        e.getMessage());
    assertSame(netty, e.getCause());
    IOException unknown = Errno.translate("recv", new IOException("odd"), null);
    assertEquals("recv(..) failed: odd", unknown.getMessage());
  }
}
