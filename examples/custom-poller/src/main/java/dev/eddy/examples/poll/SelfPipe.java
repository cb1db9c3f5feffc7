package dev.eddy.examples.poll;

import dev.eddy.loop.posix.jna.FdHandle;
import dev.eddy.loop.spi.PipeHandles;
import dev.eddy.loop.spi.Transport;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The wake-up of a poll(2) poller: the classic self-pipe. The read end sits in the poller's own
 * pollfd array, asking for POLLIN; {@link #signal()} writes one byte to the write end, which makes
 * a poll(2) in progress (or the next one) return; {@link #drain()} reads the byte back.
 *
 * <p>Wake-ups coalesce: a flag says one is pending, and only the call that sets it writes, so a
 * thousand {@code signal()}s before the next poll cost one byte, one early return and one read.
 * The pipe comes from the backend's own {@link Transport#pipe()} (non-blocking, close-on-exec),
 * so it needs no native code of its own; a Linux-only plugin could use an {@code eventfd} instead.
 *
 * <p>Threading: {@link #signal()} from any thread; {@link #drain()} and {@link #close()} on the
 * polling thread. Writes are serialised by a lock that {@link #close()} also takes, so a writer
 * never writes to a descriptor number that close has already given back to the system (and that
 * may by then belong to someone else). Nothing is allocated per wake-up. Never throws once open.
 */
final class SelfPipe implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SelfPipe.class);

  private final PipeHandles pipe;
  private final int readFd;
  private final AtomicBoolean pending = new AtomicBoolean();
  private final Object writeLock = new Object();
  private final ByteBuffer one = ByteBuffer.allocateDirect(1);
  private final ByteBuffer sink = ByteBuffer.allocateDirect(64);
  private boolean closed; // guarded by writeLock

  private SelfPipe(PipeHandles pipe, int readFd) {
    this.pipe = pipe;
    this.readFd = readFd;
  }

  /**
   * A new self-pipe from {@code transport}, which must be the poller's own (its pipe ends are
   * {@link FdHandle}s).
   *
   * @throws IOException if the system cannot make a pipe (for example out of descriptors)
   */
  static SelfPipe open(Transport transport) throws IOException {
    PipeHandles pipe = transport.pipe();
    return new SelfPipe(pipe, ((FdHandle) pipe.source()).fd());
  }

  /** The read end's descriptor, to put in the pollfd array. */
  int readFd() {
    return readFd;
  }

  /** Makes the read end readable, unless a wake-up is pending already. Any thread. */
  void signal() {
    if (!pending.compareAndSet(false, true)) {
      return; // coalesced: the byte written by the call that set the flag is still there
    }
    synchronized (writeLock) {
      if (closed) {
        return;
      }
      one.clear();
      try {
        // 0 means the pipe is full, which can only mean bytes are waiting: a wake-up all the same.
        pipe.sink().write(one);
      } catch (IOException e) {
        log.warn("cannot write the wake-up pipe of a poll poller: {}", e.getMessage());
      }
    }
  }

  /**
   * Empties the pipe and re-arms {@link #signal()}. Polling thread, when poll(2) reported the read
   * end.
   *
   * <p>Read first, then clear the flag. The other order loses wake-ups for good: a {@code
   * signal()} between the clear and the read would set the flag and write, the read would swallow
   * that byte too, and the flag would stay set with the pipe empty, so every later {@code
   * signal()} would skip its write. In this order a {@code signal()} between the read and the
   * clear writes nothing, which is harmless: whoever called it queued its work before, and the
   * loop looks at its queue right after this poll returns.
   */
  void drain() {
    try {
      int n;
      do {
        sink.clear();
        n = pipe.source().read(sink);
      } while (n > 0);
    } catch (IOException e) {
      log.warn("cannot read the wake-up pipe of a poll poller: {}", e.getMessage());
    }
    pending.set(false);
  }

  /** Closes both ends; later {@link #signal()}s do nothing. Idempotent. */
  @Override
  public void close() {
    synchronized (writeLock) {
      if (closed) {
        return;
      }
      closed = true;
      try {
        pipe.close();
      } catch (IOException e) {
        // close(2) released both descriptors whatever it reported; nothing is left to do
        log.debug("closing the wake-up pipe reported: {}", e.getMessage());
      }
    }
  }
}
