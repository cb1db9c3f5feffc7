package dev.eddy.stream;

import dev.eddy.loop.spi.StreamHandle;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves a child's stdout or stderr into the write end of a pipe whose read end is the parent's
 * {@link PipeIOStream}. At the end of the child's stream it closes the pipe, so the stream reads
 * the end of stream once it has read everything. When the stream is closed, the pump stops (the
 * child then gets "broken pipe" on its next write, as with a direct pipe); if it is waiting for
 * the child then, it stops at the child's next write or exit. It learns of the close from {@link
 * #closed()}, not from the pipe: the JDK's selector closes a registered channel's descriptor only
 * at its next selection, so the pipe may stay writable a little longer.
 */
final class OutputPump extends StdioPump {

  private static final Logger log = LoggerFactory.getLogger(OutputPump.class);

  private final InputStream in;
  private final StreamHandle sink;
  private volatile boolean streamClosed;

  OutputPump(String threadName, InputStream in, StreamHandle sink, Runnable onQuiet) {
    super(threadName, onQuiet);
    this.in = in;
    this.sink = sink;
  }

  @Override
  void pump() {
    byte[] chunk = new byte[CHUNK];
    ByteBuffer buf = ByteBuffer.wrap(chunk);
    while (true) {
      state(BLOCKED);
      if (streamClosed) {
        return;
      }
      int n;
      try {
        n = in.read(chunk);
      } catch (IOException e) {
        log.debug("{}: reading the child's stream failed, ending it: {}", name(), e.toString());
        return;
      }
      state(RUNNING);
      if (n < 0) {
        return;
      }
      buf.clear().limit(n);
      if (!writeAll(buf)) {
        return;
      }
    }
  }

  /** Writes all of {@code buf} into the pipe, parking while it is full; false if it is broken. */
  private boolean writeAll(ByteBuffer buf) {
    try {
      while (buf.hasRemaining()) {
        if (sink.write(buf) > 0) {
          continue;
        }
        state(PARKED);
        if (streamClosed) {
          return false;
        }
        if (sink.write(buf) == 0) { // again, now that the loop sees PARKED and will wake us
          notifyQuiet();
          park();
        }
        state(RUNNING);
      }
      return true;
    } catch (IOException e) {
      log.debug("{}: the stream closed its end: {}", name(), e.toString());
      return false;
    }
  }

  /** Finished, or waiting for the stream to make room: what is left waits for the reader. */
  @Override
  boolean quiet() {
    return finished() || parked();
  }

  @Override
  void release() {
    try {
      in.close();
    } catch (IOException e) {
      log.debug("{}: closing the child's stream failed", name(), e);
    }
    try {
      sink.close();
    } catch (IOException e) {
      log.debug("{}: closing {} failed", name(), sink, e);
    }
  }

  /** The stream closed its end: stop, and wait for the thread unless it waits for the child. */
  @Override
  public void closed() {
    streamClosed = true;
    wake();
    if (!blocked()) {
      join();
    }
  }
}
