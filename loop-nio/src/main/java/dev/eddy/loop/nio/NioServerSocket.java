package dev.eddy.loop.nio;

import dev.eddy.loop.spi.Poller;
import dev.eddy.loop.spi.ServerSocketHandle;
import dev.eddy.loop.spi.SocketHandle;
import java.io.IOException;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;

/** A listening {@link ServerSocketChannel}; READ is {@code OP_ACCEPT}, it is never writable. */
final class NioServerSocket extends NioHandle implements ServerSocketHandle {

  private final ServerSocketChannel ch;
  private final UnixDomainSocketAddress unixPath;

  /** @param unixPath the socket file to remove on close, for a Unix-domain listener */
  NioServerSocket(ServerSocketChannel ch, UnixDomainSocketAddress unixPath) {
    this.ch = ch;
    this.unixPath = unixPath;
  }

  @Override
  SelectableChannel channel() {
    return ch;
  }

  @Override
  int selectorOps(int interest) {
    return (interest & Poller.READ) != 0 ? SelectionKey.OP_ACCEPT : 0;
  }

  @Override
  public SocketHandle accept() throws IOException {
    SocketChannel accepted;
    try {
      accepted = ch.accept();
    } catch (ClosedChannelException e) {
      throw new IOException("listening socket is closed: " + this, e);
    }
    if (accepted == null) {
      return null;
    }
    try {
      accepted.configureBlocking(false);
    } catch (IOException e) {
      accepted.close();
      throw e;
    }
    return new NioSocket(accepted, null);
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
  public void close() throws IOException {
    boolean wasOpen = ch.isOpen();
    ch.close();
    if (wasOpen && unixPath != null) {
      Files.deleteIfExists(unixPath.getPath());
    }
  }

  @Override
  public String toString() {
    SocketAddress local = localAddress();
    return "nio listener " + (local == null ? "(closed)" : local);
  }
}
