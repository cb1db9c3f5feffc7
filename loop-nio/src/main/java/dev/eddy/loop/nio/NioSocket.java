package dev.eddy.loop.nio;

import dev.eddy.loop.spi.Poller;
import dev.eddy.loop.spi.SocketHandle;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketAddress;
import java.net.SocketOption;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/** A {@link SocketChannel} as an Eddy socket handle. */
final class NioSocket extends NioHandle implements SocketHandle {

  private final SocketChannel ch;
  private final SocketAddress target;

  /**
   * @param target the address connected to, for messages (null for an accepted socket)
   */
  NioSocket(SocketChannel ch, SocketAddress target) {
    this.ch = ch;
    this.target = target;
  }

  @Override
  SelectableChannel channel() {
    return ch;
  }

  @Override
  int selectorOps(int interest) {
    int ops = 0;
    if ((interest & Poller.READ) != 0) {
      ops |= SelectionKey.OP_READ;
    }
    if ((interest & Poller.WRITE) != 0) {
      ops |= ch.isConnectionPending() ? SelectionKey.OP_CONNECT : SelectionKey.OP_WRITE;
    }
    return ops;
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    try {
      return ch.read(dst);
    } catch (ClosedChannelException e) {
      throw closed(e);
    }
  }

  @Override
  public int write(ByteBuffer src) throws IOException {
    try {
      return ch.write(src);
    } catch (ClosedChannelException e) {
      throw closed(e);
    }
  }

  @Override
  public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
    try {
      return ch.write(srcs, offset, length);
    } catch (ClosedChannelException e) {
      throw closed(e);
    }
  }

  @Override
  public boolean finishConnect() throws IOException {
    if (ch.isConnected()) {
      return true;
    }
    boolean done;
    try {
      done = ch.finishConnect();
    } catch (ConnectException e) {
      throw connectFailed(e, target);
    } catch (ClosedChannelException e) {
      throw closed(e);
    }
    if (done) {
      NioPoller.connectCompleted(this);
    }
    return done;
  }

  @Override
  public boolean isConnected() {
    return ch.isConnected();
  }

  @Override
  public void shutdownOutput() throws IOException {
    try {
      ch.shutdownOutput();
    } catch (ClosedChannelException e) {
      throw closed(e);
    }
  }

  @Override
  public SocketAddress localAddress() {
    try {
      return ch.getLocalAddress();
    } catch (IOException closed) {
      return null;
    }
  }

  @Override
  public SocketAddress remoteAddress() {
    try {
      return ch.getRemoteAddress();
    } catch (IOException closed) {
      return null;
    }
  }

  @Override
  public <T> void setOption(SocketOption<T> option, T value) throws IOException {
    ch.setOption(option, value);
  }

  @Override
  public <T> T getOption(SocketOption<T> option) throws IOException {
    return ch.getOption(option);
  }

  static ConnectException connectFailed(ConnectException e, SocketAddress address) {
    ConnectException named = new ConnectException(e.getMessage() + ": " + address);
    named.initCause(e);
    return named;
  }

  private IOException closed(ClosedChannelException e) {
    return new IOException("socket is closed: " + this, e);
  }

  @Override
  public String toString() {
    SocketAddress local = localAddress();
    SocketAddress remote = ch.isOpen() ? remoteAddress() : null;
    return "nio socket " + (local == null ? "(closed)" : local) + " -> "
        + (remote != null ? remote : target != null ? target + " (connecting)" : "?");
  }
}
