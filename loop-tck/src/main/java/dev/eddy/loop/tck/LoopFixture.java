package dev.eddy.loop.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.eddy.loop.IOHandler;
import dev.eddy.loop.IOLoop;
import dev.eddy.loop.spi.PipeHandles;
import dev.eddy.loop.spi.PollerProvider;
import dev.eddy.loop.spi.SocketHandle;
import dev.eddy.loop.spi.StreamHandle;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.function.Executable;

/**
 * What every group of {@link IOLoopContract} tests works with: the loop under test, its backend,
 * the test's connections, the bounds on waiting, and the helpers that run the loop and carry a
 * failure on the loop's thread back to the test's thread. {@link IOLoopContract} implements the
 * accessors with the fixture it sets up before each test; the case interfaces extend this one.
 */
interface LoopFixture {

  /** The longest any one wait may take before the test fails; never a delay a test relies on. */
  Duration WAIT = Duration.ofSeconds(10);
  long WAIT_MILLIS = WAIT.toMillis();
  /** The bound on a cross-thread wake-up: generous, since a missed one takes {@link #WAIT}. */
  long PROMPT_NANOS = TimeUnit.SECONDS.toNanos(2);

  /** The loop under test: a fresh one for each test. */
  IOLoop loop();

  /** The backend under test, as {@link IOLoopContract#provider()} gave it for this test. */
  PollerProvider backend();

  /** The test's connections: closed after the test. */
  Connections net();

  /** What guarded tasks threw on the loop's thread, not yet rethrown on the test's thread. */
  List<Throwable> loopFailures();

  /**
   * Runs the loop on this thread until something stops it; fails if that takes longer than
   * {@link #WAIT} (a guard timer then stops it), or if a guarded task failed on the loop.
   */
  default void runLoop() {
    boolean[] timedOut = {false};
    dev.eddy.loop.Timeout guard = loop().callLater(WAIT, () -> {
      timedOut[0] = true;
      loop().stop();
    });
    try {
      loop().start();
    } finally {
      guard.cancel();
    }
    rethrowLoopFailures();
    assertFalse(timedOut[0], "the loop was not stopped within " + WAIT);
  }

  /** A callback that records what it throws (for the test's thread) and stops the loop. */
  default Runnable guarded(Executable body) {
    return () -> {
      try {
        body.execute();
      } catch (Throwable t) {
        loopFailures().add(t);
        loop().stop();
      }
    };
  }

  /** A handler that records what it throws (for the test's thread) and stops the loop. */
  default IOHandler guardedHandler(IOHandler handler) {
    return (handle, events) -> {
      try {
        handler.handleEvents(handle, events);
      } catch (Throwable t) {
        loopFailures().add(t);
        loop().stop();
      }
    };
  }

  /** Throws what guarded tasks recorded since the last call, as one {@link AssertionError}. */
  default void rethrowLoopFailures() {
    List<Throwable> failed;
    synchronized (loopFailures()) {
      failed = new ArrayList<>(loopFailures());
      loopFailures().clear();
    }
    if (failed.isEmpty()) {
      return;
    }
    AssertionError error = new AssertionError("failed on the loop thread: " + failed.get(0),
        failed.get(0));
    failed.stream().skip(1).forEach(error::addSuppressed);
    throw error;
  }

  /** [source, sink]: a pipe where the backend has pipes, else a loopback TCP connection. */
  default StreamHandle[] streamPair() throws IOException {
    try {
      return pipe();
    } catch (UnsupportedOperationException noPipes) {
      return sockets();
    }
  }

  /** [source, sink] of a pipe of the loop's transport; throws if the backend has no pipes. */
  default StreamHandle[] pipe() throws IOException {
    PipeHandles pipe = loop().transport().pipe();
    net().track(pipe.source());
    net().track(pipe.sink());
    return new StreamHandle[] {pipe.source(), pipe.sink()};
  }

  /** [source, sink] of a loopback TCP connection. */
  default StreamHandle[] sockets() throws IOException {
    SocketHandle[] pair = net().pair(); // [client, server side]
    return new StreamHandle[] {pair[1], pair[0]};
  }

  static void writeByte(StreamHandle sink) throws IOException {
    assertEquals(1, sink.write(ByteBuffer.wrap(new byte[] {42})), "one byte written");
  }

  /** Reads until the stream would block (or ends); the number of bytes read. */
  static int drain(StreamHandle source) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(512);
    int total = 0;
    int n;
    while ((n = source.read(buf)) > 0) {
      total += n;
      buf.clear();
    }
    return total;
  }

  static long ms(long millis) {
    return TimeUnit.MILLISECONDS.toNanos(millis);
  }

  /** Throws any throwable, checked or not, from code that may not declare it. */
  @SuppressWarnings("unchecked")
  static <E extends Throwable> RuntimeException sneakyThrow(Throwable t) throws E {
    throw (E) t;
  }
}
