package dev.eddy.stream;

import dev.eddy.loop.spi.StreamHandle;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves what the parent writes to its stdin {@link PipeIOStream} (the write end of a pipe) from
 * the pipe's read end into the child's stdin. When the stream is closed, the pump forwards what is
 * left in the pipe and then closes the child's stdin, so the child reads the end of file. When
 * the child exits, the pump drops what is left and closes the pipe, so the stream's next write
 * fails with "broken pipe", as with a direct pipe.
 */
final class InputPump extends StdioPump {

  private static final Logger log = LoggerFactory.getLogger(InputPump.class);

  private final StreamHandle source;
  private final OutputStream out;
  private volatile boolean processGone;
  private volatile boolean streamClosed;

  InputPump(String threadName, StreamHandle source, OutputStream out, Runnable onQuiet) {
    super(threadName, onQuiet);
    this.source = source;
    this.out = out;
  }

  @Override
  void pump() {
    ByteBuffer buf = ByteBuffer.allocate(CHUNK);
    while (true) {
      buf.clear();
      int n = read(buf);
      if (n == 0) {
        state(PARKED);
        // Read before the retry: if the stream had closed by then, all it wrote is in the pipe,
        // so an empty pipe is its end (whether or not the backend has closed the descriptor yet:
        // the JDK's selector closes a registered channel only at its next selection).
        boolean closedBefore = streamClosed;
        if (processGone) {
          return;
        }
        n = read(buf); // again, now that the loop sees PARKED and will wake us
        if (n == 0) {
          if (closedBefore) {
            return;
          }
          park();
          state(RUNNING);
          continue;
        }
        state(RUNNING);
      }
      if (n < 0 || processGone) {
        return;
      }
      state(BLOCKED);
      try {
        out.write(buf.array(), 0, n);
        out.flush();
      } catch (IOException e) {
        log.debug("{}: writing to the child failed, ending: {}", name(), e.toString());
        return;
      }
      state(RUNNING);
    }
  }

  /** Bytes read from the pipe, 0 if it is empty, -1 at its end (the stream closed) or on error. */
  private int read(ByteBuffer buf) {
    try {
      return source.read(buf);
    } catch (IOException e) {
      log.debug("{}: reading the pipe failed, ending: {}", name(), e.toString());
      return -1;
    }
  }

  /** Finished: once the child exited, nothing is left to pass on. */
  @Override
  boolean quiet() {
    return finished();
  }

  @Override
  void release() {
    try {
      out.close();
    } catch (IOException e) {
      log.debug("{}: closing the child's stdin failed: {}", name(), e.toString());
    }
    try {
      source.close();
    } catch (IOException e) {
      log.debug("{}: closing {} failed", name(), source, e);
    }
  }

  /** The child exited: stop. Any thread. */
  void processExited() {
    processGone = true;
    wake();
  }

  /** The stream closed its end: the pump forwards what is left, then ends. */
  @Override
  public void closed() {
    streamClosed = true;
    wake();
  }
}
