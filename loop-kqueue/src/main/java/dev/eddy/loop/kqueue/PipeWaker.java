package dev.eddy.loop.kqueue;

import dev.eddy.loop.posix.jna.FdHandle;
import dev.eddy.loop.spi.PipeHandles;
import dev.eddy.loop.spi.StreamHandle;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The wake-up where the kqueue has no {@code EVFILT_USER} (or {@code -Deddy.kqueue.waker=pipe}
 * asks for this one): a non-blocking pipe whose read end the poller watches with {@code
 * EVFILT_READ}. {@link #trigger()} writes one byte; a full pipe already means a wake-up is
 * pending, so a write that would block is simply dropped. {@link #drain()} empties it.
 *
 * <p>Threading: {@link #trigger()} from any thread, serialised by the poller's wake lock;
 * {@link #drain()} and {@link #close()} on the polling thread. Nothing is allocated per wake-up.
 */
final class PipeWaker {

  private final PipeHandles pipe;
  private final ByteBuffer one = ByteBuffer.allocateDirect(1);
  private final ByteBuffer sink = ByteBuffer.allocateDirect(64);

  PipeWaker(PipeHandles pipe) {
    this.pipe = pipe;
  }

  /** The read end. */
  StreamHandle source() {
    return pipe.source();
  }

  /** The read end's descriptor, to watch. */
  int fd() {
    return ((FdHandle) pipe.source()).fd();
  }

  /** Makes the read end readable; an {@code IOException} if the pipe is broken. */
  void trigger() throws IOException {
    one.clear();
    pipe.sink().write(one);
  }

  /** Reads until the pipe is empty. */
  void drain() throws IOException {
    int n;
    do {
      sink.clear();
      n = pipe.source().read(sink);
    } while (n > 0);
  }

  void close() {
    try {
      pipe.close();
    } catch (IOException e) {
      // close(2) freed the descriptors whatever it reported; nothing to do
    }
  }
}
