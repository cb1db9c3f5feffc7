package dev.eddy.benchmarks.jmh;

import dev.eddy.loop.IOLoop;
import dev.eddy.loop.PollerSelection;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code readUntil} of a large message through a real {@code IOStream}: a {@value #SIZE}-byte
 * message whose delimiter ({@code \r\n\r\n}) is its last four bytes, written in one {@code write}
 * by one end of a loopback TCP pair and read by the other, which takes at most its {@code
 * readChunkSize} (64 KiB, the default) per read call. Both ends are on one loop, which the
 * benchmark thread runs until the read completes. The score is messages per second; the
 * {@code bytes} line is the same in bytes per second. Included: the kernel's loopback copy both
 * ways, the poller's events, the writer's write path, the reader's buffering, the delimiter
 * search and the 4 MiB result array; so {@code -prof gc} shows what one message costs in
 * allocation beyond its own 4 MiB.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class ReadUntilBenchmark {

  static final int SIZE = 4 * 1024 * 1024;
  private static final byte[] DELIMITER = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

  @Param({"nio", "epoll-jna", "epoll-netty"})
  public String poller;

  private IOLoop loop;
  private LoopbackPair pair;
  private byte[] message;

  /** Bytes read, reported as a rate next to the score. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Bytes {
    public long bytes;

    @Setup(Level.Iteration)
    public void reset() {
      bytes = 0;
    }
  }

  @Setup
  public void open() throws IOException {
    loop = IOLoop.create(PollerSelection.named(poller));
    pair = LoopbackPair.open(loop);
    message = new byte[SIZE];
    Arrays.fill(message, (byte) 'x');
    System.arraycopy(DELIMITER, 0, message, SIZE - DELIMITER.length, DELIMITER.length);
  }

  @TearDown
  public void close() {
    pair.close();
    loop.close(true);
  }

  /** One {@value #SIZE}-byte message written, then read up to its delimiter. */
  @Benchmark
  public byte[] readUntil4MiB(Bytes counter) {
    // The message is never changed, so handing the same array to every write is safe.
    pair.client().write(ByteBuffer.wrap(message));
    CompletableFuture<byte[]> read = pair.server().readUntil(DELIMITER);
    byte[] got = LoopDriver.await(loop, read);
    if (got.length != SIZE) {
      throw new IllegalStateException("read " + got.length + " bytes, expected " + SIZE);
    }
    counter.bytes += got.length;
    return got;
  }
}
