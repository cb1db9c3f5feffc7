package dev.eddy.benchmarks.scaling;

import dev.eddy.loop.PollerSelection;
import dev.eddy.loop.spi.PollEvents;
import dev.eddy.loop.spi.PollKey;
import dev.eddy.loop.spi.Poller;
import dev.eddy.loop.spi.PollerProvider;
import dev.eddy.loop.spi.SocketHandle;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The poller scaling run (issue 10): for every available backend and the {@code poll} plugin,
 * with 10, 1,000 and 10,000 idle registered sockets plus one active one, the cost of a poll that
 * returns the one ready event and the wake-up latency. See the {@linkplain
 * dev.eddy.benchmarks.scaling package documentation} for the method and how to read the table.
 *
 * <p>Run: {@code java -cp benchmarks/target/eddy-benchmarks.jar
 * dev.eddy.benchmarks.scaling.PollerScaling [--quick] [--out FILE] [--backends a,b]}.
 */
public final class PollerScaling {

  /**
   * Where the waker cannot see that the poller sleeps (no {@code /proc}): its delay after the
   * poller has published a round is this plus three times the median poll.
   */
  private static final long FALLBACK_WAKE_DELAY_NANOS = 50_000;
  private static final long READY_WAIT_NANOS = 1_000_000_000L;

  private PollerScaling() {}

  /** Runs every backend, prints the table and writes the Markdown file if asked to. */
  public static void main(String[] args) throws Exception {
    Settings settings;
    try {
      settings = Settings.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    long start = System.nanoTime();
    Report report = new Report();
    List<String> context = context(settings);
    context.forEach(System.out::println);
    List<PollerProvider> backends = backends(settings, report);
    try (PeerProcess peers = PeerProcess.start()) {
      for (PollerProvider backend : backends) {
        measureBackend(backend, peers, settings, report);
      }
    }
    double wall = (System.nanoTime() - start) / 1e9;
    report.note(String.format(Locale.ROOT, "wall time %.1f s", wall));
    System.out.println();
    System.out.print(report.table());
    if (settings.out() != null) {
      report.writeMarkdown(settings.out(), "Eddy poller scaling", context);
      System.out.println("Markdown written to " + settings.out());
    }
  }

  /** All sizes of one backend on one rig; a failure is noted and the run goes on. */
  private static void measureBackend(PollerProvider backend, PeerProcess peers, Settings settings,
      Report report) throws IOException, InterruptedException {
    BackendRig rig = null;
    try {
      rig = BackendRig.open(backend);
      for (int idle : Settings.IDLE_COUNTS) {
        long setup = System.nanoTime();
        rig.growIdle(idle, peers);
        setup = System.nanoTime() - setup;
        Report.Row row = measure(backend, rig, settings);
        report.add(row);
        System.out.printf(Locale.ROOT, "  %-12s %6d idle: poll %,9d ns, wake-up %8.1f µs "
            + "(connect %.1f s)%n", backend.name(), idle, row.readyPoll().median(),
            row.wakeup().median() / 1e3, setup / 1e9);
      }
    } catch (IOException | RuntimeException e) {
      report.note(backend.name() + ": FAILED, " + e);
      System.out.println("  " + backend.name() + " failed: " + e);
    } finally {
      try {
        peers.resetAll();
      } finally {
        if (rig != null) {
          rig.close();
        }
      }
    }
  }

  /** One configuration: a fresh poller with every idle socket, then the active one, registered. */
  private static Report.Row measure(PollerProvider backend, BackendRig rig, Settings settings)
      throws IOException, InterruptedException {
    try (Poller poller = backend.open()) {
      for (SocketHandle s : rig.idle()) {
        poller.register(s, Poller.READ, null);
      }
      // Registered last: a poll(2) backend scans its result array from the front.
      PollKey active = poller.register(rig.active(), Poller.READ, null);
      ByteBuffer one = ByteBuffer.allocateDirect(1);
      one.put((byte) 1).flip();
      if (rig.activeWriter().write(one) != 1) {
        throw new IOException("could not write the active connection's byte");
      }
      awaitReady(poller, active);
      Stats ready = ReadyPoll.measure(poller, active, settings.readyPoll());
      rig.drainActive(one);
      if (poller.poll(0, new PollEvents(64)) != 0) {
        throw new IllegalStateException("a registration is still ready after the drain");
      }
      long fallbackDelay = FALLBACK_WAKE_DELAY_NANOS + 3 * ready.median();
      Stats wakeup = WakeupLatency.measure(poller, settings.wakeup(), fallbackDelay);
      return new Report.Row(backend.name(), rig.idle().size(), ready, wakeup);
    }
  }

  /** Waits until the byte written on the active connection is reported. */
  private static void awaitReady(Poller poller, PollKey active) throws IOException {
    PollEvents events = new PollEvents(64);
    long deadline = System.nanoTime() + READY_WAIT_NANOS;
    while (poller.poll(READY_WAIT_NANOS / 10, events) != 1 || events.key(0) != active) {
      if (System.nanoTime() > deadline) {
        throw new IOException("the active socket did not become readable");
      }
    }
  }

  /** The available backends (all, or those of {@code --backends}); the others are noted. */
  private static List<PollerProvider> backends(Settings settings, Report report) {
    List<PollerProvider> all = PollerSelection.all();
    List<PollerProvider> chosen = new ArrayList<>();
    for (PollerProvider p : all) {
      if (!settings.backends().isEmpty() && !settings.backends().contains(p.name())) {
        continue;
      }
      if (p.isAvailable()) {
        chosen.add(p);
      } else {
        report.note(p.name() + ": not available here (" + p.unavailabilityCause() + ")");
      }
    }
    for (String wanted : settings.backends().isEmpty() ? List.of("poll") : settings.backends()) {
      if (all.stream().noneMatch(p -> p.name().equals(wanted))) {
        report.note(wanted + ": not on the class path");
      }
    }
    return chosen;
  }

  private static List<String> context(Settings settings) {
    List<String> lines = new ArrayList<>();
    lines.add(String.format(Locale.ROOT, "Eddy poller scaling%s: JDK %s, %s %s %s, %d cores",
        settings.quick() ? " (--quick)" : "", Runtime.version(), System.getProperty("os.name"),
        System.getProperty("os.version"), System.getProperty("os.arch"),
        Runtime.getRuntime().availableProcessors()));
    lines.add(String.format(Locale.ROOT, "idle sockets: READ interest, nothing ever sent, client "
        + "ends in a child JVM; descriptor limit %s", descriptorLimit()));
    lines.add(String.format(Locale.ROOT, "poll with 1 ready: poll(0) with one unread byte on the "
        + "active socket, %.1f s per cell (+%.1f s warm-up, at most %,d samples)",
        settings.readyPoll().measureNanos() / 1e9, settings.readyPoll().warmupNanos() / 1e9,
        settings.readyPoll().maxSamples()));
    lines.add(String.format(Locale.ROOT, "wake-up: wakeup() on another thread to the return of a "
        + "blocked poll(1 s), %.1f s per cell (+%.1f s warm-up, at most %,d samples)",
        settings.wakeup().measureNanos() / 1e9, settings.wakeup().warmupNanos() / 1e9,
        settings.wakeup().maxSamples()));
    return lines;
  }

  private static String descriptorLimit() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
      return String.valueOf(unix.getMaxFileDescriptorCount());
    }
    return "unknown";
  }
}
