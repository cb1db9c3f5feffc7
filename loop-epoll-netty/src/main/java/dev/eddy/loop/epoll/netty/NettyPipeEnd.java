package dev.eddy.loop.epoll.netty;

import dev.eddy.loop.spi.StreamHandle;
import io.netty.channel.unix.FileDescriptor;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * One end of a pipe from Netty's {@code FileDescriptor.pipe()}, which is {@code pipe2(O_NONBLOCK)}:
 * non-blocking, as the SPI needs, but without {@code O_CLOEXEC}, which Netty's public API cannot
 * set (see {@link NettyTransport#pipe()}). I/O is {@code read}/{@code write}/{@code writev}.
 */
final class NettyPipeEnd extends NettyStream implements StreamHandle {

  private final boolean source;

  NettyPipeEnd(FileDescriptor fd, boolean source) {
    super(fd);
    this.source = source;
  }

  @Override
  String kind() {
    return source ? "pipe source" : "pipe sink";
  }

  @Override
  String readCall() {
    return "read";
  }

  @Override
  String writeCall() {
    return "write";
  }

  @Override
  int read(ByteBuffer buf, int pos, int limit) throws IOException {
    return descriptor().read(buf, pos, limit);
  }

  @Override
  int write(ByteBuffer buf, int pos, int limit) throws IOException {
    return descriptor().write(buf, pos, limit);
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    if (!source) {
      throw new IOException("the sink end of a pipe is write-only: " + this);
    }
    return readInto(dst);
  }

  @Override
  public int write(ByteBuffer src) throws IOException {
    checkWritable();
    return writeFrom(src);
  }

  @Override
  public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
    checkWritable();
    return writeGathering(srcs, offset, length);
  }

  private void checkWritable() throws IOException {
    if (source) {
      throw new IOException("the source end of a pipe is read-only: " + this);
    }
  }

  @Override
  public String toString() {
    return "epoll-netty " + kind() + (isOpen() ? " fd " + number() : " (closed)");
  }
}
