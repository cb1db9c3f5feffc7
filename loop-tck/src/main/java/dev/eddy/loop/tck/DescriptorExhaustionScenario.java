package dev.eddy.loop.tck;

import static dev.eddy.loop.tck.LoopSteps.check;

import dev.eddy.loop.IOLoop;
import dev.eddy.loop.spi.PollerProvider;
import dev.eddy.loop.spi.SocketHandle;
import dev.eddy.loop.tck.LoopSteps.Failure;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The program {@link DescriptorExhaustionContract} runs in a child JVM with a low descriptor limit
 * ({@code ulimit -n}): {@code main(providerClassName)}. On one loop of that backend it runs an echo
 * server and connects clients to it, all through the backend's transport, until the process has no
 * descriptor left, keeping every connection. Then, while still out of descriptors:
 * <ol>
 *   <li>with connections waiting in the listener's backlog that cannot be accepted, the loop
 *       thread's CPU time over one second of wall time is well under half (a loop that spins on
 *       the readable listener uses all of it), the listener is reported ready a bounded number of
 *       times, and every waiting connection is shed (its client sees it closed), not left hanging;
 *   <li>every established connection still echoes;
 * </ol>
 * and once some clients are closed, new connections are accepted and echo again. At the end every
 * descriptor it opened is closed.
 *
 * <p>The result is the exit status: 0 when every check held, 1 when one failed, 2 on an unexpected
 * error; the reason and the numbers are logged through SLF4J (on standard error with
 * slf4j-simple). Each step is bounded (10 s). Threading: {@code main} drives the scenario and
 * runs each step on the loop's own thread through {@link LoopSteps}, which hands the state the two
 * share over, so that it is never touched by both at once.
 */
public final class DescriptorExhaustionScenario {

  private static final Logger log = LoggerFactory.getLogger(DescriptorExhaustionScenario.class);

  /** Refuse to run under a higher limit: the child would take long and prove nothing new. */
  private static final long MAX_LIMIT = 4096;
  /** Connections closed to make room, before the saturated checks and again for recovery. */
  private static final int BATCH = 8;
  private static final Duration WINDOW = Duration.ofSeconds(1);
  private static final double MAX_CPU_FRACTION = 0.5;

  private final PollerProvider provider;
  private final List<SocketHandle> established = new ArrayList<>();
  private final List<SocketHandle> shed = new ArrayList<>();
  private IOLoop loop;
  private LoopSteps steps;
  private ExhaustionEchoServer server;

  private DescriptorExhaustionScenario(PollerProvider provider) {
    this.provider = provider;
  }

  /**
   * Runs the scenario and exits the JVM with its status.
   *
   * @param args the class name of the {@link PollerProvider} (public, with a public no-argument
   *     constructor)
   */
  public static void main(String[] args) {
    int status;
    try {
      if (args.length != 1) {
        throw new Failure("usage: DescriptorExhaustionScenario <PollerProvider class name>");
      }
      PollerProvider provider = Class.forName(args[0]).asSubclass(PollerProvider.class)
          .getConstructor().newInstance();
      if (!provider.isAvailable()) {
        throw new Failure("backend " + provider.name() + " is not available: "
            + provider.unavailabilityCause());
      }
      new DescriptorExhaustionScenario(provider).run();
      log.info("PASSED");
      status = 0;
    } catch (Failure f) {
      log.error("FAILED: {}", f.getMessage());
      status = 1;
    } catch (Throwable t) {
      log.error("FAILED with an unexpected error", t);
      status = 2;
    }
    System.exit(status);
  }

  private void run() throws Exception {
    long limit = ProcessDescriptors.softLimit();
    check(limit <= MAX_LIMIT, "the descriptor limit is " + limit + "; run this under a low one "
        + "(ulimit -n 256), at most " + MAX_LIMIT);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    check(threads.isCurrentThreadCpuTimeSupported(), "this JVM cannot measure thread CPU time");
    ProcessDescriptors.openEveryClassPathJar();
    loop = IOLoop.create(provider);
    Thread loopThread = new Thread(loop::start, "eddy-exhaustion-loop");
    loopThread.start();
    steps = new LoopSteps(loop);
    try {
      server = steps.run("listen", () -> CompletableFuture.completedFuture(
          ExhaustionEchoServer.start(loop)));
      warmUp();
      Map<Integer, String> baseline = ProcessDescriptors.open();
      log.info("{}: limit {} descriptors; {} open before the first client", provider.name(),
          limit, baseline.size());
      log.debug("open before the first client: {}", baseline);
      fill(limit, baseline.size());
      whileSaturated();
      recover();
      closeEverything(baseline);
    } finally {
      loop.stop();
      loopThread.join(TimeUnit.SECONDS.toMillis(LoopSteps.STEP_SECONDS));
      if (!loopThread.isAlive()) {
        loop.close(true);
      }
    }
  }

  /** Runs every code path once while descriptors are free, so that its classes are loaded. */
  private void warmUp() throws Exception {
    SocketHandle c = steps.run("warm-up connect", () -> ExhaustionClients.connect(loop,
        server.address()));
    steps.run("warm-up echo", () -> ExhaustionClients.echoAll(loop, List.of(c), "warm-up"));
    steps.run("warm-up pause", () -> {
      server.pause();
      server.resume();
      ExhaustionClients.closedByPeer(c);
      c.close();
      return server.whenAtMost(0);
    });
    steps.run("warm-up timer", () -> measure(Duration.ofMillis(1)));
    steps.settle();
  }

  /** Connects and echoes, one client at a time, until a socket or an accept finds no descriptor. */
  private void fill(long limit, int before) throws Exception {
    String exhaustedBy = null;
    int inUse = 0;
    while (exhaustedBy == null) {
      int i = established.size();
      check(i < limit, i + " connections under a limit of " + limit + " and never ran out");
      SocketHandle c;
      try {
        c = steps.run("connect #" + i, () -> ExhaustionClients.connect(loop, server.address()));
      } catch (IOException e) {
        exhaustedBy = outOfDescriptors(e, "connect #" + i);
        inUse = before + 2 * i;
        break;
      }
      try {
        steps.run("echo on #" + i + " (neither accepted nor shed?)",
            () -> ExhaustionClients.echo(loop, c, "hello " + i));
        established.add(c);
      } catch (IOException closedByServer) {
        // No descriptor for the server's side: the backend shed the connection.
        steps.run("close #" + i, () -> close(List.of(c)));
        exhaustedBy = "accept of #" + i + ", shed (" + closedByServer.getMessage() + ")";
        inUse = before + 2 * i + 1; // and the accept found none for its side
      }
    }
    int n = established.size();
    check(n > 2 * BATCH, "only " + n + " connections before running out: limit too low");
    log.info("ran out of descriptors at {}, with {} connections established: {} descriptors in "
        + "use ({} before, {} connection ends)", exhaustedBy, n, inUse, before, inUse - before);
  }

  /** The checks made while out of descriptors: the numbered list of the class comment. */
  private void whileSaturated() throws Exception {
    steps.run("pause", () -> {
      server.pause();
      return close(takeEstablished(BATCH));
    });
    steps.settle();
    // Fill the freed descriptors with connections that wait in the backlog, up to the limit again.
    String full = null;
    while (full == null) {
      check(shed.size() <= 2 * BATCH + 1, shed.size() + " waiting clients after closing "
          + BATCH + " connections");
      try {
        shed.add(steps.run("connect waiting #" + shed.size(),
            () -> ExhaustionClients.connect(loop, server.address())));
      } catch (IOException e) {
        full = outOfDescriptors(e, "connect waiting #" + shed.size());
      }
    }
    int waiting = shed.size();
    check(waiting > 0, "no descriptor free after closing " + BATCH + " connections");
    int servedBefore = steps.run("count the served connections",
        () -> CompletableFuture.completedFuture(server.connectionCount()));
    Window w = steps.run("resume and measure", () -> {
      CompletableFuture<Window> window = measure(WINDOW);
      server.resume();
      return window;
    });
    long closed = steps.run("look at the waiting clients",
        () -> CompletableFuture.completedFuture(shed.stream()
            .filter(ExhaustionClients::closedByPeer).count()));
    // The JVM's own threads open files now and then (cgroup limits, class files): a descriptor
    // one of them held while the backlog was being filled may be free again now, and then the
    // server rightly accepts one waiting connection instead of shedding it.
    int accepted = steps.run("count the served connections again",
        () -> CompletableFuture.completedFuture(server.connectionCount())) - servedBefore;
    log.info("out of descriptors with {} connections waiting: loop thread CPU {} ms in {} ms "
        + "({}%), listener ready {} times, accept threw {} times, {} of {} waiting clients "
        + "closed (shed), {} accepted", waiting, w.cpuNanos() / 1_000_000,
        w.wallNanos() / 1_000_000, Math.round(w.cpuFraction() * 100), w.listenerEvents(),
        server.acceptErrors(), closed, waiting, accepted);
    check(w.cpuFraction() < MAX_CPU_FRACTION, "the loop spins: its thread used "
        + Math.round(w.cpuFraction() * 100) + "% of a CPU while connections could not be "
        + "accepted (listener ready " + w.listenerEvents() + " times)");
    check(w.listenerEvents() <= 100L * (waiting + 1), "the listener was reported ready "
        + w.listenerEvents() + " times for " + waiting + " waiting connections");
    check(closed + accepted == waiting, (waiting - closed - accepted) + " of " + waiting
        + " connections that could not be accepted were left hanging instead of being shed");
    int n = established.size();
    steps.run("echo on every established connection",
        () -> ExhaustionClients.echoAll(loop, established, "still there"));
    log.info("all {} established connections echo while the process is out of descriptors", n);
  }

  /** After closing clients, new connections are accepted and echo. */
  private void recover() throws Exception {
    int freed = shed.size() + 2 * BATCH;
    steps.run("close a batch", () -> {
      List<SocketHandle> batch = takeEstablished(BATCH);
      batch.addAll(shed);
      shed.clear();
      return close(batch);
    });
    steps.settle();
    for (int i = 0; i < BATCH; i++) {
      String text = "again " + i;
      SocketHandle c = steps.run("reconnect #" + i,
          () -> ExhaustionClients.connect(loop, server.address()));
      established.add(c);
      steps.run("echo on reconnected #" + i, () -> ExhaustionClients.echo(loop, c, text));
    }
    log.info("recovered: {} new connections accepted and echoed after {} descriptors were freed",
        BATCH, freed);
  }

  /** Closes every client and checks that the process is back to its descriptors at the start. */
  private void closeEverything(Map<Integer, String> baseline) throws Exception {
    steps.run("close every client", () -> close(takeEstablished(established.size())));
    steps.settle();
    Map<Integer, String> open = ProcessDescriptors.open();
    steps.run("close the server", () -> {
      server.close();
      return CompletableFuture.completedFuture(null);
    });
    // Compared by count: a backend's spare descriptor may have come back under another number.
    check(open.size() == baseline.size(), open.size() + " descriptors open at the end, "
        + baseline.size() + " before the first client: " + open + " against " + baseline);
  }

  /** The first {@code n} established clients, removed from the list. Loop thread. */
  private List<SocketHandle> takeEstablished(int n) {
    List<SocketHandle> batch = new ArrayList<>(established.subList(0, n));
    established.subList(0, n).clear();
    return batch;
  }

  /** Closes clients; completes when the server has closed its side of each. Loop thread. */
  private CompletableFuture<Void> close(List<SocketHandle> clients) throws IOException {
    int before = server.connectionCount();
    int served = 0;
    for (SocketHandle c : clients) {
      served += ExhaustionClients.closedByPeer(c) ? 0 : 1;
      c.close();
    }
    return server.whenAtMost(before - served);
  }

  /**
   * Measures the loop thread's CPU time against wall time over {@code length}, and how often the
   * listener was ready meanwhile. Loop thread; completes there, by a timer.
   */
  private CompletableFuture<Window> measure(Duration length) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long cpu = threads.getCurrentThreadCpuTime();
    long start = loop.time();
    long events = server.listenerEvents();
    CompletableFuture<Window> window = new CompletableFuture<>();
    loop.callLater(length, () -> window.complete(new Window(
        threads.getCurrentThreadCpuTime() - cpu, loop.time() - start,
        server.listenerEvents() - events)));
    return window;
  }

  private record Window(long cpuNanos, long wallNanos, long listenerEvents) {
    double cpuFraction() {
      return (double) cpuNanos / wallNanos;
    }
  }

  /** The description of {@code e} if it says the process is out of descriptors; else throws it. */
  private static String outOfDescriptors(IOException e, String what) throws IOException {
    String m = String.valueOf(e.getMessage());
    if (m.contains("Too many open files") || m.contains("EMFILE") || m.contains("ENFILE")) {
      return what + " (" + m + ")";
    }
    throw e;
  }
}
