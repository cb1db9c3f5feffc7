package dev.eddy.loop.nio;

import dev.eddy.loop.spi.ConnectOptions;
import dev.eddy.loop.spi.ListenOptions;
import dev.eddy.loop.spi.PipeHandles;
import dev.eddy.loop.spi.ServerSocketHandle;
import dev.eddy.loop.spi.SocketHandle;
import dev.eddy.loop.spi.Transport;
import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Pipe;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * Sockets and pipes as {@code java.nio} channels, all non-blocking: TCP over IPv4 and IPv6 and
 * Unix-domain stream sockets. Thread-safe and stateless.
 *
 * <p>A Unix-domain listener removes its socket file when closed, so that the path can be bound
 * again (the JDK leaves it behind).
 */
final class NioTransport implements Transport {

  static final NioTransport INSTANCE = new NioTransport();

  private NioTransport() {}

  @Override
  public ServerSocketHandle listen(SocketAddress address, ListenOptions options)
      throws IOException {
    ProtocolFamily family = family(address);
    ServerSocketChannel ch = ServerSocketChannel.open(family);
    try {
      if (family != StandardProtocolFamily.UNIX) {
        if (options.reuseAddress()) {
          ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
        }
        if (options.ipv6Only() && family == StandardProtocolFamily.INET6) {
          throw new UnsupportedOperationException("the nio backend cannot set IPV6_V6ONLY (the "
              + "JDK's channels have no such option); its IPv6 listeners are dual-stack");
        }
        if (options.reusePort()) {
          if (!ch.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT)) {
            throw new UnsupportedOperationException("SO_REUSEPORT is not supported by the nio "
                + "backend on this platform");
          }
          ch.setOption(StandardSocketOptions.SO_REUSEPORT, true);
        }
      } else if (options.reusePort()) {
        throw new UnsupportedOperationException("SO_REUSEPORT does not apply to Unix-domain "
            + "sockets: " + address);
      }
      try {
        ch.bind(address, options.backlog());
      } catch (BindException e) {
        BindException named = new BindException(e.getMessage() + ": " + address);
        named.initCause(e);
        throw named;
      }
      ch.configureBlocking(false);
      return new NioServerSocket(ch, family == StandardProtocolFamily.UNIX
          ? (UnixDomainSocketAddress) address : null);
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  @Override
  public SocketHandle connect(SocketAddress address, ConnectOptions options) throws IOException {
    ProtocolFamily family = family(address);
    SocketChannel ch = SocketChannel.open(family);
    try {
      ch.configureBlocking(false);
      if (options.localAddress() != null) {
        ch.bind(options.localAddress());
      }
      try {
        ch.connect(address);
      } catch (ConnectException e) {
        throw NioSocket.connectFailed(e, address);
      }
      return new NioSocket(ch, address);
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  @Override
  public PipeHandles pipe() throws IOException {
    Pipe pipe = Pipe.open();
    try {
      pipe.source().configureBlocking(false);
      pipe.sink().configureBlocking(false);
    } catch (IOException e) {
      pipe.source().close();
      pipe.sink().close();
      throw e;
    }
    return new PipeHandles(new NioPipeEnd(pipe.source()), new NioPipeEnd(pipe.sink()));
  }

  private static ProtocolFamily family(SocketAddress address) {
    if (address instanceof UnixDomainSocketAddress) {
      return StandardProtocolFamily.UNIX;
    }
    if (address instanceof InetSocketAddress) {
      InetSocketAddress inet = (InetSocketAddress) address;
      if (inet.isUnresolved()) {
        throw new IllegalArgumentException("unresolved address " + inet
            + ": resolve host names before listening or connecting");
      }
      return inet.getAddress() instanceof Inet6Address
          ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET;
    }
    throw new IllegalArgumentException("the nio transport supports InetSocketAddress and "
        + "UnixDomainSocketAddress, not " + (address == null ? "null" : address.getClass()));
  }
}
