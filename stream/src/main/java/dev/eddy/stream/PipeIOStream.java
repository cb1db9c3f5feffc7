package dev.eddy.stream;

import dev.eddy.loop.IOHandler;
import dev.eddy.loop.IOLoop;
import dev.eddy.loop.spi.PipeHandles;
import dev.eddy.loop.spi.StreamHandle;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * A {@link BaseIOStream} over one end of a pipe: Tornado's {@code PipeIOStream}. The read end
 * ({@link #reader}) reads, the write end ({@link #writer}) writes; {@link #pipe(IOLoop)} makes
 * both ends of a new pipe of the loop's backend. A {@link Subprocess} gives its streamed stdio as
 * pipe streams too.
 *
 * <p>The stream owns its handle: closing the stream closes it. The reader sees the end of the
 * stream once the write end is closed and the pipe is drained (a pending {@link
 * #readUntilClose()} then completes with everything); the writer's writes fail with a {@link
 * StreamClosedException} whose cause is the "broken pipe" error once the read end is closed.
 * Every byte written before the write end closed is read, on every backend: the read end treats
 * the poller's hang-up as readable rather than as an error, and leaves the poller while it wants
 * nothing (epoll reports a hang-up even then). So an idle read end is not registered with the
 * loop, and {@link IOLoop#close(boolean) IOLoop.close(true)} may not close it: close the stream.
 *
 * <p><b>Wrong direction.</b> Reading from the write end or writing to the read end is an error,
 * as in Tornado (where the system call fails): the operation fails with a {@link
 * StreamClosedException} whose cause is an {@link IOException} saying "cannot read from the write
 * end of a pipe" (or "cannot write to the read end of a pipe"), and the stream is closed.
 *
 * <p><b>Threading.</b> As every stream: the loop's thread only; futures complete there.
 */
public class PipeIOStream extends BaseIOStream {

  private final boolean readEnd;
  private final IOHandler readHandler = (h, events) -> onEvents(asReadEvents(events));
  /** The read end is registered with the loop (it is unregistered while it wants nothing). */
  private boolean registered;
  private PipePeer peer;

  PipeIOStream(IOLoop loop, StreamHandle handle, boolean readEnd, StreamOptions options) {
    super(loop, handle, options);
    this.readEnd = readEnd;
  }

  /**
   * A stream over the read end of a pipe (a {@link PipeHandles#source()} of the loop's {@link
   * IOLoop#transport() transport}), with the default options.
   */
  public static PipeIOStream reader(IOLoop loop, StreamHandle source) {
    return reader(loop, source, StreamOptions.DEFAULTS);
  }

  /** A stream over the read end of a pipe with these options. */
  public static PipeIOStream reader(IOLoop loop, StreamHandle source, StreamOptions options) {
    return new PipeIOStream(loop, source, true, options);
  }

  /** A stream over the write end of a pipe ({@link PipeHandles#sink()}), default options. */
  public static PipeIOStream writer(IOLoop loop, StreamHandle sink) {
    return writer(loop, sink, StreamOptions.DEFAULTS);
  }

  /** A stream over the write end of a pipe with these options. */
  public static PipeIOStream writer(IOLoop loop, StreamHandle sink, StreamOptions options) {
    return new PipeIOStream(loop, sink, false, options);
  }

  /** {@link #pipe(IOLoop, StreamOptions)} with the default options. */
  public static Pair pipe(IOLoop loop) throws IOException {
    return pipe(loop, StreamOptions.DEFAULTS);
  }

  /**
   * A new pipe of the loop's backend, as a stream over each end.
   *
   * @throws IOException if the operating system cannot make one (too many open files)
   * @throws UnsupportedOperationException if the backend has no pipes here
   */
  public static Pair pipe(IOLoop loop, StreamOptions options) throws IOException {
    Objects.requireNonNull(options, "options");
    PipeHandles p = loop.transport().pipe();
    return new Pair(reader(loop, p.source(), options), writer(loop, p.sink(), options));
  }

  /** True for the read end, false for the write end. */
  public final boolean isReadEnd() {
    return readEnd;
  }

  /** The pipe end under the stream. */
  public final StreamHandle handle() {
    return handle;
  }

  /** Sets who works the other end of the pipe (a subprocess pump). Before any I/O. */
  final void setPeer(PipePeer peer) {
    this.peer = peer;
  }

  @Override
  int readFromFd(ByteBuffer dst) throws IOException {
    if (!readEnd) {
      if (!reading()) {
        return 0; // an idle check for the reader going away: not a read
      }
      throw new IOException("cannot read from the write end of a pipe: " + handle);
    }
    int n = handle.read(dst);
    if (n > 0 && peer != null) {
      peer.progressed();
    }
    return n;
  }

  @Override
  long writeToFd(ByteBuffer[] srcs, int offset, int length) throws IOException {
    if (readEnd) {
      throw new IOException("cannot write to the read end of a pipe: " + handle);
    }
    long n = handle.write(srcs, offset, length);
    if (n > 0 && peer != null) {
      peer.progressed();
    }
    return n;
  }

  /**
   * The read end is registered with the loop only while it wants events: a level-triggered poller
   * reports the writer's hang-up even for a handle registered for nothing, and the stream would
   * then close while data it did not want yet was still in the pipe. See {@link #asReadEvents}.
   */
  @Override
  void watch(boolean first, int interest) {
    if (!readEnd) {
      super.watch(first, interest);
      return;
    }
    if (interest == 0) {
      if (registered) {
        registered = false;
        loop.removeHandler(handle);
      }
    } else if (!registered) {
      loop.addHandler(handle, interest, readHandler);
      registered = true;
    } else {
      loop.updateHandler(handle, interest);
    }
  }

  /**
   * On the read end a hang-up means the writer closed: the end of the stream, which a read reports
   * once the pipe is drained. So it is handled as READ (as asyncio does), not as an error that
   * would close the stream at once and drop the data still in the pipe.
   */
  private static int asReadEvents(int events) {
    return (events & IOLoop.ERROR) != 0 ? (events & ~IOLoop.ERROR) | IOLoop.READ : events;
  }

  @Override
  void unwatch() {
    if (!readEnd) {
      super.unwatch();
      return;
    }
    if (registered) {
      registered = false;
      if (!loop.isClosed()) {
        loop.removeHandler(handle);
      }
    }
  }

  @Override
  void closeFd() {
    super.closeFd();
    if (peer != null) {
      peer.closed();
    }
  }

  @Override
  public String toString() {
    return "PipeIOStream[" + handle + (closed() ? ", closed" : "") + "]";
  }

  /**
   * The two ends of a pipe as streams: bytes written to {@link #writer()} are read from {@link
   * #reader()}.
   */
  public record Pair(PipeIOStream reader, PipeIOStream writer) implements AutoCloseable {

    /** Closes both streams. Loop thread. */
    @Override
    public void close() {
      writer.close();
      reader.close();
    }
  }
}
