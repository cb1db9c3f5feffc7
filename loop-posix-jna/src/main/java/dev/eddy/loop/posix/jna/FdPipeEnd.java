package dev.eddy.loop.posix.jna;

import dev.eddy.loop.spi.StreamHandle;
import java.io.IOException;
import java.nio.ByteBuffer;

/** One end of a non-blocking, close-on-exec pipe. */
final class FdPipeEnd extends FdHandle implements StreamHandle {

  private final boolean source;

  FdPipeEnd(String backend, int fd, boolean source) {
    super(backend, fd);
    this.source = source;
  }

  @Override
  protected String kind() {
    return source ? "pipe source" : "pipe sink";
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
    return src.isDirect() ? writeFrom(src)
        : writeThroughScratch(src);
  }

  @Override
  public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
    checkWritable();
    return writeThroughScratch(srcs, offset, length);
  }

  private void checkWritable() throws IOException {
    if (source) {
      throw new IOException("the source end of a pipe is read-only: " + this);
    }
  }

  @Override
  public String toString() {
    return backend() + " " + kind() + (isOpen() ? " fd " + fd() : " (closed)");
  }
}
