package dev.eddy.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.loop.PollerSelection;
import dev.eddy.loop.spi.PollerProvider;
import dev.eddy.loop.tck.ResourceLeakCheck;
import dev.eddy.stream.StreamFixture.Pair;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * IOStream's behaviour, after Tornado's iostream tests, on one backend; a subclass per backend
 * runs it. Each test drives the loop with {@link StreamFixture#await}.
 */
@ExtendWith(ResourceLeakCheck.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
abstract class IOStreamCases {

  /** The backend's name. */
  abstract String backend();

  StreamFixture f;

  /**
   * Probes every backend before the first test's leak baseline: a probe may keep resources for
   * the life of the process (the kqueue backend keeps one libkqueue kqueue open).
   */
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

  /** The exception a failed future failed with, unwrapped. */
  Throwable failure(CompletableFuture<?> future) {
    CompletionException e = assertThrows(CompletionException.class,
        () -> f.await(future.handle((v, t) -> {
          if (t != null) {
            throw t instanceof CompletionException ? (CompletionException) t
                : new CompletionException(t);
          }
          return v;
        })));
    return e.getCause();
  }

  @Test
  void writeThenReadBytesAndUntil() throws IOException {
    try (Pair p = f.pair()) {
      f.await(p.client().write(b("hello\r\nworld")));
      assertEquals("hello\r\n", s(f.await(p.server().readUntil(b("\r\n")))));
      assertEquals("wor", s(f.await(p.server().readBytes(3))));
      assertEquals("ld", s(f.await(p.server().readBytes(5, true))));
    }
  }

  @Test
  void writeOfZeroBytesCompletes() throws IOException {
    try (Pair p = f.pair()) {
      assertNull(f.await(p.client().write(new byte[0])));
      f.await(p.client().write(b("x")));
      assertNull(f.await(p.client().write(ByteBuffer.allocate(0))));
    }
  }

  @Test
  void writesOnTheLoopLeaveTogetherWhenItFallsIdle() throws IOException {
    try (Pair p = f.pair()) {
      CompletableFuture<long[]> queued = new CompletableFuture<>();
      f.loop.addCallback(() -> {
        long before = p.client().writeBufferSize();
        p.client().write(b("one,"));
        p.client().write(new ByteBuffer[] {ByteBuffer.wrap(b("two,")), ByteBuffer.wrap(b("3"))});
        queued.complete(new long[] {before, p.client().writeBufferSize()});
      });
      long[] sizes = f.await(queued);
      assertEquals(0, sizes[0]);
      assertEquals(9, sizes[1], "held until the loop is about to wait, then written at once");
      assertEquals("one,two,3", s(f.await(p.server().readBytes(9))));
      assertEquals(0, p.client().writeBufferSize());
      f.await(p.client().write(b("off the loop"))); // written by the call itself
      assertEquals(0, p.client().writeBufferSize());
      assertEquals("off the loop", s(f.await(p.server().readBytes(12))));
    }
  }

  @Test
  void aCloseOnTheLoopSendsWhatWasWrittenBeforeIt() throws IOException {
    try (Pair p = f.pair()) {
      CompletableFuture<Void> written = new CompletableFuture<>();
      f.loop.addCallback(() -> {
        p.client().write(b("last words")).whenComplete((v, e) -> {
          if (e == null) {
            written.complete(null);
          } else {
            written.completeExceptionally(e);
          }
        });
        p.client().close();
      });
      assertNull(f.await(written));
      assertEquals("last words", s(f.await(p.server().readUntilClose())));
    }
  }

  @Test
  void readUntilCloseAfterClose() throws IOException {
    // Tornado: data, then close; a one-byte read, then readUntilClose gets the rest.
    try (Pair p = f.pair()) {
      f.await(p.server().write(b("1234")));
      p.server().close();
      assertEquals("1", s(f.await(p.client().readBytes(1))));
      assertEquals("234", s(f.await(p.client().readUntilClose())));
      assertTrue(p.client().closed());
      assertEquals("", s(f.await(p.client().readUntilClose())), "after close: what is buffered");
    }
  }

  @Test
  void closeWithBufferedDataStillServesReads() throws IOException {
    // Tornado's test_close_buffered_data: the data is in the kernel's buffers when the peer
    // closes; every byte is still delivered.
    try (Pair p = f.pair(StreamOptions.DEFAULTS,
        StreamOptions.DEFAULTS.withReadChunkSize(256))) {
      f.await(p.server().write(new byte[512 * 1024]));
      p.server().close();
      for (int i = 0; i < 512; i++) {
        assertEquals(1024, f.await(p.client().readBytes(1024)).length);
      }
      Throwable t = failure(p.client().readBytes(1));
      assertInstanceOf(StreamClosedException.class, t);
    }
  }

  @Test
  void aPendingReadTheBufferSatisfiesCompletesWhenThePeerCloses() throws IOException {
    try (Pair p = f.pair()) {
      CompletableFuture<byte[]> all = p.client().readUntilClose();
      f.await(p.server().write(b("abc")));
      p.server().close();
      assertEquals("abc", s(f.await(all)));
      CompletableFuture<Boolean> called = new CompletableFuture<>();
      p.client().setCloseCallback(() -> called.complete(true));
      assertTrue(f.await(called), "a close callback set on a closed stream runs");
    }
  }

  @Test
  void theCloseCallbackRunsAfterTheLastReadIsDelivered() throws IOException {
    try (Pair p = f.pair()) {
      StringBuilder order = new StringBuilder();
      CompletableFuture<Void> closed = new CompletableFuture<>();
      p.client().setCloseCallback(() -> {
        order.append("close;");
        closed.complete(null);
      });
      CompletableFuture<byte[]> read = p.client().readBytes(3);
      read.thenAccept(x -> order.append("read ").append(s(x)).append(';'));
      f.await(p.server().write(b("abc")));
      p.server().close();
      f.await(closed);
      assertEquals("read abc;close;", order.toString());
    }
  }

  @Test
  void anUnsatisfiableReadFailsWhenThePeerCloses() throws IOException {
    try (Pair p = f.pair()) {
      CompletableFuture<byte[]> line = p.client().readUntil(b("\n"));
      f.await(p.server().write(b("no newline")));
      p.server().close();
      Throwable t = failure(line);
      assertInstanceOf(StreamClosedException.class, t);
      assertNull(((StreamClosedException) t).realError(), "an orderly close has no error");
    }
  }

  @Test
  void readUntilMaxBytes() throws IOException {
    try (Pair p = f.pair()) {
      // Within the limit (the delimiter counts).
      f.await(p.server().write(b("abcdef")));
      assertEquals("abcdef", s(f.await(p.client().readUntil(b("def"), 6))));
      // Not found within the limit: the stream is closed.
      CompletableFuture<byte[]> r = p.client().readUntil(b("def"), 5);
      f.await(p.server().write(b("123456")));
      Throwable t = failure(r);
      assertInstanceOf(StreamClosedException.class, t);
      assertInstanceOf(UnsatisfiableReadException.class, t.getCause());
      assertEquals("delimiter 'def' not found within 5 bytes", t.getCause().getMessage());
      assertTrue(p.client().closed());
    }
  }

  @Test
  void readUntilMaxBytesInline() throws IOException {
    try (Pair p = f.pair()) {
      f.await(p.server().write(b("123456")));
      f.await(p.client().readBytes(1)); // the rest is buffered now, or in the kernel
      f.spin();
      Throwable t = failure(p.client().readUntil(b("def"), 4));
      assertInstanceOf(UnsatisfiableReadException.class, t.getCause());
    }
  }

  @Test
  void readUntilMaxBytesIgnoresADelimiterPastTheLimit() throws IOException {
    try (Pair p = f.pair()) {
      CompletableFuture<byte[]> r = p.client().readUntil(b("def"), 5);
      f.await(p.server().write(b("abcdef")));
      assertInstanceOf(UnsatisfiableReadException.class, failure(r).getCause());
    }
  }

  @Test
  void readUntilWithinFailsAloneAndKeepsTheBytes() throws IOException {
    try (Pair p = f.pair()) {
      CompletableFuture<byte[]> r = p.client().readUntilWithin(b("\n"), 4);
      f.await(p.server().write(b("toolong\nok\n")));
      Throwable t = failure(r);
      assertInstanceOf(UnsatisfiableReadException.class, t);
      assertEquals("delimiter '\\n' not found within 4 bytes", t.getMessage());
      assertFalse(p.client().closed(), "the stream stays open");
      assertEquals("toolong\n", s(f.await(p.client().readUntilWithin(b("\n"), 100))));
      assertEquals("ok\n", s(f.await(p.client().readUntil(b("\n")))));
      f.await(p.client().write(b("still open")));
    }
  }

  @Test
  void readUntilRegexAndItsLimit() throws IOException {
    try (Pair p = f.pair()) {
      f.await(p.server().write(b("GET / HTTP/1.1\r\nHost: x\r\n\r\nrest")));
      assertEquals("GET / HTTP/1.1\r\nHost: x\r\n\r\n",
          s(f.await(p.client().readUntilRegex(Pattern.compile("\r?\n\r?\n"), 100))));
      assertEquals("rest", s(f.await(p.client().readBytes(4))));
      CompletableFuture<byte[]> r = p.client().readUntilRegex(Pattern.compile("de+f"), 5);
      f.await(p.server().write(b("12345def")));
      Throwable t = failure(r);
      assertEquals("pattern de+f not found within 5 bytes", t.getCause().getMessage());
    }
  }

  @Test
  void oneReadAtATime() throws IOException {
    try (Pair p = f.pair()) {
      p.client().readBytes(1);
      IllegalStateException e = assertThrows(IllegalStateException.class,
          () -> p.client().readUntil(b("\n")));
      assertTrue(e.getMessage().startsWith("Already reading"), e.getMessage());
      assertTrue(p.client().reading());
    }
  }

  @Test
  void readIntoFullAndPartial() throws IOException {
    try (Pair p = f.pair()) {
      ByteBuffer buf = ByteBuffer.allocate(10);
      CompletableFuture<Integer> full = p.client().readInto(buf, false);
      f.await(p.server().write(b("hello")));
      f.spin();
      assertFalse(full.isDone(), "5 of 10 bytes");
      f.await(p.server().write(b("world!!")));
      assertEquals(10, f.await(full));
      assertEquals("helloworld", s(Arrays.copyOf(buf.array(), 10)));
      ByteBuffer rest = ByteBuffer.allocate(10);
      assertEquals(2, f.await(p.client().readInto(rest, true)));
      assertEquals(2, rest.position());
      assertEquals(0, f.await(p.client().readInto(ByteBuffer.allocate(0), false)));
    }
  }

  @Test
  void readBytesPartial() throws IOException {
    try (Pair p = f.pair()) {
      CompletableFuture<byte[]> r = p.client().readBytes(50, true);
      f.await(p.server().write(b("hello")));
      assertEquals("hello", s(f.await(r)));
      f.await(p.server().write(b("world")));
      assertEquals("wor", s(f.await(p.client().readBytes(3, true))));
      assertEquals("ld", s(f.await(p.client().readBytes(3, true))));
    }
  }

  @Test
  void largeReadUntilIsLinear() throws IOException {
    // Tornado's test_large_read_until: 4 MiB arriving in pieces before the delimiter.
    try (Pair p = f.pair()) {
      CompletableFuture<byte[]> line = p.client().readUntil(b("\r\n"));
      byte[] big = new byte[4 * 1024 * 1024];
      Arrays.fill(big, (byte) 'a');
      p.server().write(big);
      f.await(p.server().write(b("\r\n")));
      assertEquals(big.length + 2, f.await(line).length);
    }
  }

  @Test
  void smallReadsFromALargeBuffer() throws IOException {
    try (Pair p = f.pair()) {
      byte[] big = new byte[1024 * 1024];
      new Random(1).nextBytes(big);
      f.await(p.server().write(big.clone()));
      ByteBuffer got = ByteBuffer.allocate(big.length);
      for (int i = 0; i < 1024; i++) {
        got.put(f.await(p.client().readBytes(1024)));
      }
      assertArrayEquals(big, got.array());
    }
  }

  @Test
  void smallReadUntilsFromALargeBuffer() throws IOException {
    try (Pair p = f.pair()) {
      StringBuilder all = new StringBuilder();
      for (int i = 0; i < 20_000; i++) {
        all.append("line ").append(i).append('\n');
      }
      f.await(p.server().write(b(all.toString())));
      // Chained in the dependents: served from the buffer at constant stack depth.
      CompletableFuture<Integer> count = readLines(p.client(), 20_000, 0);
      assertEquals(20_000, f.await(count));
    }
  }

  private CompletableFuture<Integer> readLines(IOStream s, int left, int seen) {
    if (left == 0) {
      return CompletableFuture.completedFuture(seen);
    }
    return s.readUntil(b("\n")).thenCompose(line -> {
      assertEquals("line " + seen + "\n", s(line));
      return readLines(s, left - 1, seen + 1);
    });
  }

  @Test
  void flowControlHoldsBackAFastWriter() throws IOException {
    // Tornado's test_flow_control: 10 MiB into a reader whose buffer holds 5 MiB.
    int mb = 1024 * 1024;
    try (Pair p = f.pair(StreamOptions.DEFAULTS.withMaxBufferSize(5 * mb),
        StreamOptions.DEFAULTS)) {
      CompletableFuture<Void> written = p.client().write(new byte[10 * mb]);
      f.await(p.server().readBytes(mb));
      f.spin();
      assertFalse(written.isDone(), "the writer is held back while the reader reads nothing");
      for (int i = 0; i < 9; i++) {
        assertEquals(mb, f.await(p.server().readBytes(mb)).length);
      }
      f.await(written);
    }
  }

  @Test
  void aReadLargerThanTheBufferFailsAndCloses() throws IOException {
    try (Pair p = f.pair(StreamOptions.DEFAULTS.withMaxBufferSize(1024), StreamOptions.DEFAULTS)) {
      CompletableFuture<byte[]> r = p.server().readBytes(4096);
      f.await(p.client().write(new byte[4096]));
      Throwable t = failure(r);
      assertInstanceOf(StreamBufferFullException.class, t.getCause());
      assertEquals("Reached maximum read buffer size", t.getCause().getMessage());
    }
  }

  @Test
  void manyMixedReadsWithAChecksum() throws IOException {
    // Tornado's test_many_mixed_reads: random sizes and kinds of reads over 1 MiB.
    byte[] data = new byte[1024 * 1024];
    new Random(2).nextBytes(data);
    CRC32 sent = new CRC32();
    sent.update(data);
    try (Pair p = f.pair()) {
      p.server().write(data.clone());
      Random r = new Random(3);
      CRC32 got = new CRC32();
      int left = data.length;
      while (left > 0) {
        int n = Math.min(left, r.nextInt(9000) + 1);
        switch (r.nextInt(3)) {
          case 0:
            got.update(f.await(p.client().readBytes(n)));
            left -= n;
            break;
          case 1: {
            ByteBuffer into = ByteBuffer.allocate(n);
            assertEquals(n, f.await(p.client().readInto(into, false)));
            got.update(into.array());
            left -= n;
            break;
          }
          default: {
            byte[] some = f.await(p.client().readBytes(n, true));
            got.update(some);
            left -= some.length;
            break;
          }
        }
      }
      assertEquals(sent.getValue(), got.getValue());
    }
  }

  @Test
  void writesWhileConnectingAreQueued() throws IOException {
    // Tornado's test_write_while_connecting: write before the connect completes.
    CompletableFuture<dev.eddy.loop.spi.SocketHandle> accepted = f.accept();
    IOStream c = IOStream.startConnect(f.loop, f.address(),
        dev.eddy.loop.spi.ConnectOptions.DEFAULTS, StreamOptions.DEFAULTS);
    CompletableFuture<Void> w = c.write(b("hello"));
    assertFalse(w.isDone() && !c.whenConnected().isDone(), "not written before connected");
    assertEquals(c, f.await(c.whenConnected()));
    IOStream server = new IOStream(f.loop, f.await(accepted));
    assertEquals("hello", s(f.await(server.readBytes(5))));
    f.await(w);
    server.close();
    c.close();
  }

  @Test
  void connectionRefused() throws IOException {
    int port;
    try (ServerSocket closedPort = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = closedPort.getLocalPort();
    }
    CompletableFuture<IOStream> c = IOStream.connect(f.loop,
        new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    Throwable t = failure(c);
    assertInstanceOf(StreamClosedException.class, t);
    assertInstanceOf(ConnectException.class, t.getCause(), String.valueOf(t.getCause()));
  }

  @Test
  void operationsAfterCloseFail() throws IOException {
    try (Pair p = f.pair()) {
      p.client().close();
      p.client().close(); // idempotent
      assertTrue(p.client().closed());
      assertInstanceOf(StreamClosedException.class, failure(p.client().write(b("x"))));
      assertInstanceOf(StreamClosedException.class, failure(p.client().readBytes(1)));
      assertNull(p.client().error());
      Throwable t = failure(p.server().readBytes(1));
      assertInstanceOf(StreamClosedException.class, t, "the peer sees the close");
    }
  }

  @Test
  void closeFailsPendingOperationsWithTheCause() throws IOException {
    try (Pair p = f.pair()) {
      CompletableFuture<byte[]> r = p.client().readBytes(10);
      IOException cause = new IOException("on purpose");
      p.client().close(cause);
      Throwable t = failure(r);
      assertEquals(cause, t.getCause());
      assertEquals(cause, p.client().error());
      assertEquals("Stream is closed: java.io.IOException: on purpose", t.getMessage());
    }
  }

  @Test
  void aWriteOverTheWriteBufferLimitFailsAndTheStreamStaysOpen() throws IOException {
    try (Pair p = f.pair(StreamOptions.DEFAULTS, StreamOptions.DEFAULTS.withMaxWriteBufferSize(
        1024))) {
      CompletableFuture<Void> big = p.client().write(new byte[64 * 1024 * 1024]);
      // The kernel takes part at once; what is left is far over 1 KiB.
      Throwable t = failure(p.client().write(new byte[2048]));
      assertInstanceOf(StreamBufferFullException.class, t);
      assertEquals("Reached maximum write buffer size", t.getMessage());
      assertFalse(p.client().closed());
      big.cancel(false);
    }
  }

  @Test
  void setNoDelayIsAppliedAndIgnoredWhenClosed() throws IOException {
    try (Pair p = f.pair()) {
      p.client().setNoDelay(true);
      assertEquals(true, p.client().socket().getOption(java.net.StandardSocketOptions.TCP_NODELAY));
      p.client().setNoDelay(false);
      assertEquals(false,
          p.client().socket().getOption(java.net.StandardSocketOptions.TCP_NODELAY));
      p.client().close();
      p.client().setNoDelay(true);
    }
  }

  @Test
  void idleStreamWithACloseCallbackNoticesThePeerClosing() throws IOException {
    try (Pair p = f.pair()) {
      CompletableFuture<Boolean> closed = new CompletableFuture<>();
      p.client().setCloseCallback(() -> closed.complete(p.client().closed()));
      p.server().close();
      assertTrue(f.await(closed));
    }
  }
}
