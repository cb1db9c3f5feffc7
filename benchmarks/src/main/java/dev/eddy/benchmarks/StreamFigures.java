package dev.eddy.benchmarks;

import dev.eddy.loop.PollerSelection;
import dev.eddy.loop.spi.PollerProvider;
import dev.eddy.stream.IOStream;
import dev.eddy.stream.LoopGroup;
import dev.eddy.stream.TcpClient;
import dev.eddy.stream.TcpServer;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Loopback echo throughput through {@code IOStream}, for every available backend: an echo
 * {@link TcpServer} on one loop thread, a client on another, the client writing 64 KiB buffers
 * (up to 4 in flight) and reading the echo back, {@value #TOTAL_MIB} MiB each way per round.
 * Prints MiB/s of echoed data, the median of the rounds after one warm-up round.
 *
 * <p>Run: {@code java -cp benchmarks/target/eddy-benchmarks.jar
 * dev.eddy.benchmarks.StreamFigures [rounds]}. A measurement, not a test.
 */
public final class StreamFigures {

  private static final int CHUNK = 64 * 1024;
  private static final int TOTAL_MIB = 512;
  private static final int IN_FLIGHT = 4;

  private StreamFigures() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    System.out.printf("Eddy stream echo over loopback, %d KiB writes, %d MiB per round, median of "
        + "%d rounds (+1 warm-up), JDK %s, %d cores%n", CHUNK / 1024, TOTAL_MIB, rounds,
        Runtime.version(), Runtime.getRuntime().availableProcessors());
    for (PollerProvider p : PollerSelection.all().stream().filter(PollerProvider::isAvailable)
        .collect(Collectors.toList())) {
      double[] results = new double[rounds];
      try (LoopGroup loops = LoopGroup.start(2, p)) {
        echoRound(loops);
        for (int i = 0; i < rounds; i++) {
          results[i] = echoRound(loops);
        }
      }
      java.util.Arrays.sort(results);
      System.out.printf("%-12s %8.0f MiB/s (min %.0f, max %.0f)%n", p.name(),
          results[rounds / 2], results[0], results[rounds - 1]);
    }
  }

  /** One round: MiB/s of echoed data. */
  private static double echoRound(LoopGroup loops) throws Exception {
    var serverLoop = loops.loops().get(0);
    var clientLoop = loops.loops().get(1);
    CompletableFuture<TcpServer> started = new CompletableFuture<>();
    serverLoop.addCallback(() -> {
      try {
        TcpServer s = new TcpServer(serverLoop, (stream, address) -> echo(stream));
        s.listen(0, "127.0.0.1");
        started.complete(s);
      } catch (Exception e) {
        started.completeExceptionally(e);
      }
    });
    TcpServer server = started.get(10, TimeUnit.SECONDS);
    int port = ((InetSocketAddress) server.addresses().get(0)).getPort();
    CompletableFuture<Long> nanos = new CompletableFuture<>();
    clientLoop.addCallback(() -> new TcpClient(clientLoop).connect("127.0.0.1", port)
        .thenCompose(StreamFigures::drive)
        .whenComplete((n, e) -> {
          if (e != null) {
            nanos.completeExceptionally(e);
          } else {
            nanos.complete(n);
          }
        }));
    long took = nanos.get(120, TimeUnit.SECONDS);
    serverLoop.addCallback(server::stop);
    return TOTAL_MIB / (took / 1e9);
  }

  private static CompletableFuture<Void> echo(IOStream stream) {
    return stream.readBytes(CHUNK, true)
        .thenCompose(stream::write)
        .thenCompose(v -> echo(stream))
        .exceptionally(e -> {
          stream.close();
          return null;
        });
  }

  /** Writes TOTAL_MIB in CHUNKs, reads them back; completes with the nanoseconds it took. */
  private static CompletableFuture<Long> drive(IOStream stream) {
    long total = (long) TOTAL_MIB * 1024 * 1024;
    long start = System.nanoTime();
    byte[] chunk = new byte[CHUNK];
    long[] sent = {0};
    CompletableFuture<Long> done = new CompletableFuture<>();
    Runnable[] writeMore = new Runnable[1];
    writeMore[0] = () -> {
      if (sent[0] < total) {
        sent[0] += CHUNK;
        stream.write(chunk).thenRun(writeMore[0]);
      }
    };
    for (int i = 0; i < IN_FLIGHT; i++) {
      writeMore[0].run();
    }
    readBack(stream, total, 0, done, start);
    return done.whenComplete((n, e) -> stream.close());
  }

  private static void readBack(IOStream stream, long total, long got,
      CompletableFuture<Long> done, long start) {
    stream.readBytes(CHUNK, true).whenComplete((b, e) -> {
      if (e != null) {
        done.completeExceptionally(e);
        return;
      }
      long now = got + b.length;
      if (now >= total) {
        done.complete(System.nanoTime() - start);
      } else {
        readBack(stream, total, now, done, start);
      }
    });
  }
}
