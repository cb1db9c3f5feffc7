package dev.eddy.loop.epoll.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

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

/** Netty's many shapes of an errno, back to one message format and the JDK's exception types. */
class ErrnoTest {

  @BeforeAll
  static void loadNettysNativeLibrary() {
    Epoll.ensureAvailability(); // as the provider's probe does before anything else
  }


  @Test
  void messagesNameTheCallTheErrorAndItsSymbol() {
    IOException e = Errno.exception("connect", Errno.ECONNREFUSED,
        InetSocketAddress.createUnresolved("localhost", 9));
    assertInstanceOf(ConnectException.class, e);
    assertEquals("connect(..) failed: Connection refused (ECONNREFUSED): localhost/<unresolved>:9",
        e.getMessage());
    assertEquals("accept4(..) failed: Too many open files (EMFILE)",
        Errno.exception("accept4", Errno.EMFILE, null).getMessage());
  }

  @Test
  void typesFollowTheJdksChoices() {
    assertInstanceOf(BindException.class, Errno.exception("bind", Errno.EADDRINUSE, null));
    assertInstanceOf(NoRouteToHostException.class,
        Errno.exception("connect", Errno.EHOSTUNREACH, null));
    assertEquals(IOException.class, Errno.exception("recv", Errno.ECONNRESET, null).getClass());
  }

  @Test
  void everyShapeNettyUsesGivesTheErrnoBack() {
    assertEquals(Errno.EMFILE, Errno.of(new Errors.NativeIoException("accept", -Errno.EMFILE)));
    assertEquals(Errno.ECONNREFUSED, Errno.of(new ConnectException(
        "connect(..) failed with error(-111): Connection refused")));
    assertEquals(Errno.EMFILE, Errno.of(new ChannelException(
        new Errors.NativeIoException("newSocketStream", -Errno.EMFILE))));
    assertEquals(Errno.ENOPROTOOPT, Errno.of(new ChannelException(
        "setsockopt() failed: Protocol not available")));
    assertEquals(Errno.ENOENT, Errno.of(new FileNotFoundException()));
    assertEquals(Errno.EHOSTUNREACH, Errno.of(new NoRouteToHostException()));
    assertEquals(Errno.ENOTCONN, Errno.of(new NotYetConnectedException()));
    assertEquals(0, Errno.of(new IOException("something else")));
  }

  @Test
  void translationKeepsNettysExceptionAsTheCause() {
    Errors.NativeIoException netty = new Errors.NativeIoException("bind", -Errno.EADDRINUSE);
    InetSocketAddress address = new InetSocketAddress("127.0.0.1", 8080);
    IOException e = Errno.translate("bind", netty, address);
    assertInstanceOf(BindException.class, e);
    assertEquals("bind(..) failed: Address already in use (EADDRINUSE): " + address,
        e.getMessage());
    assertSame(netty, e.getCause());
    IOException unknown = Errno.translate("recv", new IOException("odd"), null);
    assertEquals("recv(..) failed: odd", unknown.getMessage());
  }

  @Test
  void unknownNumbersStillSaySomething() {
    assertEquals("errno 4095", Errno.name(4095));
  }
}
