package dev.eddy.loop.nio;

import dev.eddy.loop.spi.Poller;
import dev.eddy.loop.spi.StreamHandle;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.Pipe;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;

/** One end of a {@link Pipe}: the source reads (READ), the sink writes (WRITE). */
final class NioPipeEnd extends NioHandle implements StreamHandle {

  private final Pipe.SourceChannel source;
  private final Pipe.SinkChannel sink;

  NioPipeEnd(Pipe.SourceChannel source) {
    this.source = source;
    this.sink = null;
  }

  NioPipeEnd(Pipe.SinkChannel sink) {
    this.source = null;
    this.sink = sink;
  }

  @Override
  SelectableChannel channel() {
    return source != null ? source : sink;
  }

  @Override
  int selectorOps(int interest) {
    if (source != null) {
      return (interest & Poller.READ) != 0 ? SelectionKey.OP_READ : 0;
    }
    return (interest & Poller.WRITE) != 0 ? SelectionKey.OP_WRITE : 0;
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    if (source == null) {
      throw new IOException("the sink end of a pipe is write-only: " + this);
    }
    try {
      return source.read(dst);
    } catch (ClosedChannelException e) {
      throw new IOException("pipe is closed: " + this, e);
    }
  }

  @Override
  public int write(ByteBuffer src) throws IOException {
    try {
      return writable().write(src);
    } catch (ClosedChannelException e) {
      throw new IOException("pipe is closed: " + this, e);
    }
  }

  @Override
  public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
    try {
      return writable().write(srcs, offset, length);
    } catch (ClosedChannelException e) {
      throw new IOException("pipe is closed: " + this, e);
    }
  }

  private Pipe.SinkChannel writable() throws IOException {
    if (sink == null) {
      throw new IOException("the source end of a pipe is read-only: " + this);
    }
    return sink;
  }

  @Override
  public String toString() {
    return "nio pipe " + (source != null ? "source" : "sink") + (isOpen() ? "" : " (closed)");
  }
}
