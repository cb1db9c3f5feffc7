package dev.eddy.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.loop.PollerSelection;
import dev.eddy.loop.ResourceTracker;
import dev.eddy.loop.spi.PollerProvider;
import dev.eddy.loop.tck.ResourceLeakCheck;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * PipeIOStream over in-process pipes of one backend, after Tornado's {@code TestPipeIOStream}; a
 * subclass per backend runs it.
 */
@ExtendWith(ResourceLeakCheck.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
abstract class PipeCases {

  /** The backend's name. */
  abstract String backend();

  StreamFixture f;

  @BeforeAll
  static void probeBackends() {
    PollerSelection.all().forEach(PollerProvider::isAvailable);
  }

  @BeforeEach
  void open() {
    f = new StreamFixture(backend());
  }

  @AfterEach
  void close() throws IOException {
    if (f != null) {
      f.close();
    }
  }

  static byte[] b(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  static String s(byte[] b) {
    return new String(b, StandardCharsets.ISO_8859_1);
  }

  /** The exception {@code future} fails with, unwrapped. */
  Throwable failure(CompletableFuture<?> future) {
    CompletionException e = assertThrows(CompletionException.class,
        () -> f.await(future.handle((v, t) -> {
          if (t == null) {
            return v;
          }
          throw t instanceof CompletionException ? (CompletionException) t
              : new CompletionException(t);
        })));
    return e.getCause();
  }

  /** The tracked resources opened since the entry {@code after}, as "kind resource". */
  private static List<String> trackedSince(long after) {
    List<String> kinds = new java.util.ArrayList<>();
    for (ResourceTracker.Tracked t : ResourceTracker.open()) {
      if (t.id() > after) {
        kinds.add(t.toString().substring(0, t.toString().indexOf(' ')));
      }
    }
    return kinds;
  }

  @Test
  void streamsAndLoopHandlesAreTrackedUntilClosed() throws IOException {
    assertTrue(ResourceTracker.enabled(), "the build runs tests with -Deddy.trackResources=true");
    List<ResourceTracker.Tracked> before = ResourceTracker.open();
    long last = before.isEmpty() ? 0 : before.get(before.size() - 1).id();
    PipeIOStream.Pair p = PipeIOStream.pipe(f.loop);
    CompletableFuture<byte[]> read = p.reader().readBytes(1); // watched: a loop handle
    assertEquals(List.of("stream", "stream", "loop"), trackedSince(last));
    ResourceTracker.Tracked stream = ResourceTracker.open().stream()
        .filter(t -> t.id() > last).findFirst().orElseThrow();
    assertTrue(stream.describe().contains(PipeCases.class.getName()), stream.describe());
    p.writer().write(b("x"));
    assertEquals("x", s(f.await(read)));
    p.close();
    assertEquals(List.of(), trackedSince(last));
  }

  @Test
  void writeThenRead() throws IOException {
    // Tornado's test_pipe_iostream.
    try (PipeIOStream.Pair p = PipeIOStream.pipe(f.loop)) {
      assertTrue(p.reader().isReadEnd());
      assertFalse(p.writer().isReadEnd());
      p.writer().write(b("hel"));
      p.writer().write(b("lo world\n"));
      f.await(p.writer().write(b("abc")));
      assertEquals("hello ", s(f.await(p.reader().readUntil(b(" ")))));
      assertEquals("world\n", s(f.await(p.reader().readUntil(b("\n")))));
      assertEquals("ab", s(f.await(p.reader().readBytes(2))));
      assertEquals("c", s(f.await(p.reader().readBytes(5, true))));
    }
  }

  @Test
  void readUntilCloseAfterTheWriterCloses() throws IOException {
    // Tornado's test_pipe_iostream_big_write ends so; here with a small write.
    try (PipeIOStream.Pair p = PipeIOStream.pipe(f.loop)) {
      f.await(p.writer().write(b("1234")));
      p.writer().close();
      assertEquals("1", s(f.await(p.reader().readBytes(1))));
      assertEquals("234", s(f.await(p.reader().readUntilClose())));
      assertTrue(p.reader().closed());
      assertNull(p.reader().error(), "the end of stream is a normal close");
    }
  }

  @Test
  void aPendingReadUntilCloseCompletesAtTheEnd() throws IOException {
    try (PipeIOStream.Pair p = PipeIOStream.pipe(f.loop)) {
      CompletableFuture<byte[]> all = p.reader().readUntilClose();
      CompletableFuture<Void> closed = new CompletableFuture<>();
      p.reader().setCloseCallback(() -> closed.complete(null));
      f.await(p.writer().write(b("abc")));
      f.spin();
      assertFalse(all.isDone());
      p.writer().close();
      assertEquals("abc", s(f.await(all)));
      f.await(closed);
    }
  }

  @Test
  void largeTransferWithFlowControl() throws IOException {
    // 8 MiB into a reader that buffers at most 1 MiB: the writer is held back until it reads.
    int mb = 1024 * 1024;
    byte[] data = new byte[8 * mb];
    new Random(7).nextBytes(data);
    try (PipeIOStream.Pair p = PipeIOStream.pipe(f.loop,
        StreamOptions.DEFAULTS.withMaxBufferSize(mb))) {
      CompletableFuture<Void> written = p.writer().write(data.clone());
      f.await(p.reader().readBytes(1000));
      f.spin();
      assertFalse(written.isDone(), "the writer is held back while the reader reads nothing");
      byte[] got = new byte[data.length];
      System.arraycopy(data, 0, got, 0, 1000);
      int pos = 1000;
      while (pos < data.length) {
        byte[] chunk = f.await(p.reader().readBytes(Math.min(256 * 1024, data.length - pos)));
        System.arraycopy(chunk, 0, got, pos, chunk.length);
        pos += chunk.length;
      }
      f.await(written);
      assertArrayEquals(data, got);
    }
  }

  @Test
  void dataInThePipeIsReadAfterTheWriterClosed() throws IOException {
    // The writer closes while the reader, held back by its buffer limit, has not read most of
    // the data yet: every byte is still read before the end of stream.
    int kb = 1024;
    byte[] data = new byte[2048 * kb];
    new Random(8).nextBytes(data);
    try (PipeIOStream.Pair p = PipeIOStream.pipe(f.loop,
        StreamOptions.DEFAULTS.withMaxBufferSize(128 * kb))) {
      // A read that waits first, so that the reader is registered with the loop.
      CompletableFuture<byte[]> first = p.reader().readBytes(16 * kb);
      f.spin();
      CompletableFuture<Void> written = p.writer().write(data.clone());
      byte[] got = new byte[data.length];
      int pos = f.await(first).length;
      System.arraycopy(data, 0, got, 0, pos);
      while (!written.isDone()) {
        byte[] chunk = f.await(p.reader().readBytes(16 * kb));
        System.arraycopy(chunk, 0, got, pos, chunk.length);
        pos += chunk.length;
      }
      p.writer().close();
      f.spin(); // the hang-up is there now, while the reader wants nothing
      f.spin();
      while (pos < data.length) {
        byte[] chunk = f.await(p.reader().readBytes(Math.min(16 * kb, data.length - pos)));
        System.arraycopy(chunk, 0, got, pos, chunk.length);
        pos += chunk.length;
      }
      assertArrayEquals(data, got);
      assertEquals(0, f.await(p.reader().readUntilClose()).length);
      assertTrue(p.reader().closed());
    }
  }

  @Test
  void theHangUpArrivingWithDataLosesNothing() throws IOException {
    // The reader waits; the writer writes and closes at once, so the reader's event carries the
    // data and the hang-up together. It reads 16 bytes per call: the rest is still in the pipe.
    try (PipeIOStream.Pair p = PipeIOStream.pipe(f.loop,
        StreamOptions.DEFAULTS.withReadChunkSize(16))) {
      CompletableFuture<byte[]> first = p.reader().readBytes(10);
      f.spin();
      StringBuilder all = new StringBuilder();
      for (int i = 0; i < 100; i++) {
        all.append(String.format("%09d\n", i));
      }
      p.writer().write(b(all.toString()));
      p.writer().close();
      String got = s(f.await(first)) + s(f.await(p.reader().readUntilClose()));
      assertEquals(all.toString(), got);
    }
  }

  @Test
  void readingTheWriteEndIsAnError() throws IOException {
    try (PipeIOStream.Pair p = PipeIOStream.pipe(f.loop)) {
      Throwable t = failure(p.writer().readBytes(1));
      assertInstanceOf(StreamClosedException.class, t);
      assertNotNull(t.getCause());
      assertTrue(t.getCause().getMessage().startsWith("cannot read from the write end of a pipe"),
          t.getCause().getMessage());
      assertTrue(p.writer().closed());
    }
  }

  @Test
  void writingTheReadEndIsAnError() throws IOException {
    try (PipeIOStream.Pair p = PipeIOStream.pipe(f.loop)) {
      Throwable t = failure(p.reader().write(b("x")));
      assertInstanceOf(StreamClosedException.class, t);
      assertTrue(t.getCause().getMessage().startsWith("cannot write to the read end of a pipe"),
          t.getCause().getMessage());
      assertTrue(p.reader().closed());
    }
  }

  @Test
  void writingAfterTheReaderClosedFails() throws IOException {
    try (PipeIOStream.Pair p = PipeIOStream.pipe(f.loop)) {
      p.reader().close();
      Throwable t = failure(p.writer().write(b("x")));
      assertInstanceOf(StreamClosedException.class, t);
      assertNotNull(((StreamClosedException) t).realError(), "broken pipe");
      assertTrue(p.writer().closed());
    }
  }

  @Test
  void closeSemantics() throws IOException {
    try (PipeIOStream.Pair p = PipeIOStream.pipe(f.loop)) {
      CompletableFuture<byte[]> pending = p.reader().readBytes(10);
      CompletableFuture<Void> closed = new CompletableFuture<>();
      p.reader().setCloseCallback(() -> closed.complete(null));
      p.reader().close();
      p.reader().close(); // idempotent
      assertInstanceOf(StreamClosedException.class, failure(pending));
      f.await(closed);
      assertFalse(p.reader().handle().isOpen(), "the stream closes its handle");
      assertInstanceOf(StreamClosedException.class, failure(p.reader().readBytes(1)));
      assertEquals(0, f.await(p.reader().readUntilClose()).length);
      p.writer().close();
      assertInstanceOf(StreamClosedException.class, failure(p.writer().write(b("x"))));
    }
  }

  @Test
  void streamsOverHandlesFromTheTransport() throws IOException {
    dev.eddy.loop.spi.PipeHandles h = f.loop.transport().pipe();
    PipeIOStream r = PipeIOStream.reader(f.loop, h.source());
    PipeIOStream w = PipeIOStream.writer(f.loop, h.sink());
    try {
      f.await(w.write(b("ping")));
      w.close();
      assertEquals("ping", s(f.await(r.readUntilClose())));
    } finally {
      r.close();
      w.close();
    }
  }
}
