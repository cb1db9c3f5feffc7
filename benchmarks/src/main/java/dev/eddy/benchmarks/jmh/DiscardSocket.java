package dev.eddy.benchmarks.jmh;

import dev.eddy.loop.spi.SocketHandle;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketOption;
import java.nio.ByteBuffer;

/**
 * A connected socket that takes every byte written to it and drops it, counting them, and never
 * has anything to read: an {@code IOStream} over it writes at once and completes, with no system
 * call and nothing registered with the loop, so a benchmark of what is written measures only the
 * writing side.
 */
final class DiscardSocket implements SocketHandle {

  private static final SocketAddress ADDRESS =
      new InetSocketAddress(InetAddress.getLoopbackAddress(), 9);

  private boolean open = true;
  private long written;

  /** Bytes written so far. */
  long written() {
    return written;
  }

  @Override
  public int read(ByteBuffer dst) {
    return 0;
  }

  @Override
  public int write(ByteBuffer src) {
    int n = src.remaining();
    src.position(src.limit());
    written += n;
    return n;
  }

  @Override
  public long write(ByteBuffer[] srcs, int offset, int length) {
    long n = 0;
    for (int i = offset; i < offset + length; i++) {
      n += write(srcs[i]);
    }
    return n;
  }

  @Override
  public boolean finishConnect() {
    return true;
  }

  @Override
  public boolean isConnected() {
    return open;
  }

  @Override
  public void shutdownOutput() {}

  @Override
  public SocketAddress localAddress() {
    return ADDRESS;
  }

  @Override
  public SocketAddress remoteAddress() {
    return ADDRESS;
  }

  @Override
  public <T> void setOption(SocketOption<T> option, T value) {}

  @Override
  public <T> T getOption(SocketOption<T> option) {
    throw new UnsupportedOperationException("a discarding socket has no options");
  }

  @Override
  public boolean isOpen() {
    return open;
  }

  @Override
  public void close() {
    open = false;
  }
}
