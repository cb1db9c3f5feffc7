package dev.eddy.loop.epoll.netty;

import dev.eddy.loop.spi.LinuxErrno;
import dev.eddy.loop.spi.SocketHandle;
import io.netty.channel.ChannelException;
import io.netty.channel.epoll.LinuxSocket;
import java.io.IOException;
import java.net.SocketAddress;
import java.net.SocketOption;
import java.nio.ByteBuffer;

/**
 * A stream socket on Netty's {@link LinuxSocket}: TCP over IPv4 or IPv6, or Unix-domain.
 *
 * <p>I/O is {@code recv}/{@code send}/{@code writev} through Netty, which answers 0 for {@code
 * EAGAIN} and -1 at end of stream: would-block is a return value, never an exception. Addresses
 * are read once and kept.
 */
final class NettySocket extends NettyStream implements SocketHandle {

  private final LinuxSocket socket;
  private final Family family;
  private final SocketAddress target;
  private boolean connected;
  private SocketAddress local;
  private SocketAddress remote;

  /**
   * @param connected true for an accepted socket or a connect that completed at once
   * @param target the address connected to, for messages (null when accepted)
   */
  NettySocket(LinuxSocket socket, Family family, boolean connected, SocketAddress target) {
    super(socket);
    this.socket = socket;
    this.family = family;
    this.connected = connected;
    this.target = target;
  }

  @Override
  String kind() {
    return "socket";
  }

  @Override
  String readCall() {
    return "recv";
  }

  @Override
  String writeCall() {
    return "send";
  }

  @Override
  int read(ByteBuffer buf, int pos, int limit) throws IOException {
    return socket.recv(buf, pos, limit);
  }

  @Override
  int write(ByteBuffer buf, int pos, int limit) throws IOException {
    return socket.send(buf, pos, limit);
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    return readInto(dst);
  }

  @Override
  public int write(ByteBuffer src) throws IOException {
    return writeFrom(src);
  }

  @Override
  public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
    return writeGathering(srcs, offset, length);
  }

  /**
   * Reads {@code SO_ERROR} itself rather than through Netty's {@code finishConnect}, which takes a
   * connect still in progress (no error yet) for a completed one; the peer's address then tells
   * whether the connect is done.
   */
  @Override
  public boolean finishConnect() throws IOException {
    if (connected) {
      return true;
    }
    ensureOpen();
    int error;
    try {
      error = socket.getSoError();
    } catch (IOException | ChannelException e) {
      throw Errno.translate("getsockopt", e, target);
    }
    if (error != 0) {
      throw LinuxErrno.asConnectException(Errno.exception("connect", error, target));
    }
    SocketAddress peer = peerAddress();
    if (peer == null) {
      return false; // getpeername: not connected yet
    }
    remote = peer;
    connected = true;
    return true;
  }

  @Override
  public boolean isConnected() {
    return connected && isOpen();
  }

  @Override
  public void shutdownOutput() throws IOException {
    ensureOpen();
    try {
      socket.shutdown(false, true);
    } catch (IOException | IllegalStateException | ChannelException e) {
      throw Errno.translate("shutdown", e, null);
    }
  }

  @Override
  public SocketAddress localAddress() {
    if (!isOpen()) {
      return null;
    }
    if (local == null) {
      local = family == Family.UNIX ? Family.fromNetty(socket.localDomainSocketAddress())
          : socket.localAddress();
    }
    return local;
  }

  @Override
  public SocketAddress remoteAddress() {
    if (!isOpen() || !connected) {
      return null;
    }
    if (remote == null) {
      remote = peerAddress();
    }
    return remote;
  }

  /** {@code getpeername}, or null if it fails (not connected). */
  private SocketAddress peerAddress() {
    return family == Family.UNIX ? Family.fromNetty(socket.remoteDomainSocketAddress())
        : socket.remoteAddress();
  }

  @Override
  public <T> void setOption(SocketOption<T> option, T value) throws IOException {
    ensureOpen();
    SocketOptions.set(socket, family, option, value);
  }

  @Override
  public <T> T getOption(SocketOption<T> option) throws IOException {
    ensureOpen();
    return SocketOptions.get(socket, family, option);
  }

  @Override
  public String toString() {
    if (!isOpen()) {
      return "epoll-netty socket (closed)";
    }
    SocketAddress peer = connected ? remoteAddress() : null;
    return "epoll-netty socket fd " + number() + " " + localAddress() + " -> "
        + (peer != null ? peer : target != null ? target + " (connecting)" : "?");
  }
}
