package dev.eddy.benchmarks;

import dev.eddy.loop.PollerSelection;
import dev.eddy.loop.spi.ConnectOptions;
import dev.eddy.loop.spi.ListenOptions;
import dev.eddy.loop.spi.PollEvents;
import dev.eddy.loop.spi.PollKey;
import dev.eddy.loop.spi.Poller;
import dev.eddy.loop.spi.PollerProvider;
import dev.eddy.loop.spi.ServerSocketHandle;
import dev.eddy.loop.spi.SocketHandle;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Per-call costs of every available backend, side by side in one run, through the SPI alone:
 *
 * <ol>
 *   <li>an empty {@code poll(0)};</li>
 *   <li>a wake-up round trip on one thread: {@code wakeup()} then the {@code poll(0)} that
 *       consumes it (eventfd write, epoll_wait, read — or the selector's equivalent);</li>
 *   <li>a 1-byte ping-pong over a loopback TCP pair, on one thread: write, poll until the peer is
 *       readable, read, and back.</li>
 * </ol>
 *
 * Each figure is the median of several rounds after warm-up rounds, in nanoseconds per operation.
 * Run: {@code java -cp benchmarks/target/eddy-benchmarks.jar dev.eddy.benchmarks.BackendFigures
 * [rounds]}. A measurement, not a test.
 */
public final class BackendFigures {

  private static final int POLLS = 2_000_000;
  private static final int WAKEUPS = 500_000;
  private static final int PINGS = 100_000;

  private BackendFigures() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    List<PollerProvider> backends = PollerSelection.all().stream()
        .filter(PollerProvider::isAvailable).collect(Collectors.toList());
    System.out.printf("Eddy backend figures, median of %d rounds (+2 warm-up), ns/op, JDK %s%n",
        rounds, Runtime.version());
    System.out.printf("%-12s %14s %18s %20s%n", "backend", "empty poll(0)", "wake-up round trip",
        "1-byte ping-pong");
    for (PollerProvider p : backends) {
      double poll = median(rounds, () -> emptyPoll(p));
      double wake = median(rounds, () -> wakeupRoundTrip(p));
      double ping = median(rounds, () -> pingPong(p));
      System.out.printf("%-12s %14.0f %18.0f %20.0f%n", p.name(), poll, wake, ping);
    }
  }

  interface Measure {
    double run() throws IOException;
  }

  private static double median(int rounds, Measure m) throws IOException {
    m.run();
    m.run();
    double[] v = new double[rounds];
    for (int i = 0; i < rounds; i++) {
      v[i] = m.run();
    }
    Arrays.sort(v);
    return v[rounds / 2];
  }

  private static double emptyPoll(PollerProvider p) throws IOException {
    try (Poller poller = p.open()) {
      PollEvents events = new PollEvents(64);
      long t0 = System.nanoTime();
      for (int i = 0; i < POLLS; i++) {
        poller.poll(0, events);
      }
      return (System.nanoTime() - t0) / (double) POLLS;
    }
  }

  private static double wakeupRoundTrip(PollerProvider p) throws IOException {
    try (Poller poller = p.open()) {
      PollEvents events = new PollEvents(64);
      long t0 = System.nanoTime();
      for (int i = 0; i < WAKEUPS; i++) {
        poller.wakeup();
        poller.poll(0, events);
      }
      return (System.nanoTime() - t0) / (double) WAKEUPS;
    }
  }

  private static double pingPong(PollerProvider p) throws IOException {
    ServerSocketHandle listener = p.transport().listen(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), ListenOptions.DEFAULTS);
    SocketHandle a = null;
    SocketHandle b = null;
    try (Poller poller = p.open()) {
      a = p.transport().connect(listener.localAddress(), ConnectOptions.DEFAULTS);
      PollEvents events = new PollEvents(64);
      PollKey lk = poller.register(listener, Poller.READ, null);
      while ((b = listener.accept()) == null) {
        poller.poll(-1, events);
      }
      poller.unregister(lk);
      PollKey ak = poller.register(a, Poller.WRITE, null);
      while (!a.finishConnect()) {
        poller.poll(-1, events);
      }
      poller.modify(ak, Poller.READ);
      a.setOption(java.net.StandardSocketOptions.TCP_NODELAY, true);
      b.setOption(java.net.StandardSocketOptions.TCP_NODELAY, true);
      PollKey bk = poller.register(b, Poller.READ, null);
      ByteBuffer one = ByteBuffer.allocateDirect(1);
      long t0 = System.nanoTime();
      for (int i = 0; i < PINGS; i++) {
        bounce(poller, events, a, b, bk, one);
        bounce(poller, events, b, a, ak, one);
      }
      double perRoundTrip = (System.nanoTime() - t0) / (double) PINGS;
      poller.unregister(ak);
      poller.unregister(bk);
      return perRoundTrip;
    } finally {
      if (a != null) {
        a.close();
      }
      if (b != null) {
        b.close();
      }
      listener.close();
    }
  }

  /** Sends one byte from {@code from} and waits until {@code to} has read it. */
  private static void bounce(Poller poller, PollEvents events, SocketHandle from, SocketHandle to,
      PollKey toKey, ByteBuffer one) throws IOException {
    one.clear();
    while (from.write(one) == 0) {
      poller.poll(0, events);
    }
    one.clear();
    while (to.read(one) == 0) {
      poller.poll(-1, events);
    }
  }
}
