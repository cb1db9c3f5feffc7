package dev.eddy.benchmarks.soak;

import dev.eddy.benchmarks.e2e.Probe;
import dev.eddy.benchmarks.e2e.ProcessRunner;
import dev.eddy.benchmarks.e2e.Wrk;
import dev.eddy.http.Fixture;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The soak run: starts {@link SoakServer} in its own JVM (heap fixed and pre-touched, so RSS
 * shows native memory), loads it for {@code --minutes} with
 *
 * <ul>
 *   <li>wrk, 32 keep-alive connections on {@code /};
 *   <li>wrk, 4 connections sending {@code Connection: close} to {@code /json};
 *   <li>wrk, 4 connections uploading 1 MiB to {@code /upload};
 *   <li>wrk, 2 connections downloading a 4 MiB static file;
 *   <li>{@link SlowReader}s, 8 connections reading 4 MiB streamed answers at 320 KiB/s;
 *   <li>{@link HostileReplay}, one connection after another replaying the request fixtures,
 * </ul>
 *
 * <p>samples the server every {@code --interval} seconds ({@link Sample}), then stops the load,
 * waits up to 30 s for the server's connections to close, samples once more, judges the run
 * ({@link Verdict}) and writes the results file. Exit status 0 when it passed, 1 when it failed,
 * 2 for bad flags or a missing tool.
 */
public final class Soak {

  static final int SLOW_READERS = 8;
  static final int SLOW_READ_KIB = 4096;
  static final int UPLOAD_BYTES = 1 << 20;
  static final int DOWNLOAD_BYTES = 4 << 20;
  private static final Duration START_LIMIT = Duration.ofSeconds(60);
  private static final Duration SETTLE_LIMIT = Duration.ofSeconds(30);

  private final SoakOptions options;

  private Soak(SoakOptions options) {
    this.options = options;
  }

  public static void main(String[] args) throws Exception {
    SoakOptions options;
    try {
      options = SoakOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("soak: " + e.getMessage());
      System.err.println(SoakOptions.USAGE);
      System.exit(2);
      return;
    }
    if (!Wrk.installed()) {
      System.err.println("soak: wrk is not on the PATH (Debian: apt-get install wrk)");
      System.exit(2);
    }
    System.exit(new Soak(options).run() ? 0 : 1);
  }

  private boolean run() throws IOException, InterruptedException {
    Path work = Files.createTempDirectory("eddy-soak");
    Path statics = Files.createDirectory(work.resolve("static"));
    Files.writeString(statics.resolve("hello.txt"), "Hello from the soak run\n");
    Files.write(statics.resolve("big.bin"), new byte[DOWNLOAD_BYTES]);
    Path upload = work.resolve("upload.lua");
    Files.writeString(upload, ClientLoad.uploadScript(UPLOAD_BYTES));
    List<ClientLoad> loads = List.of(
        new ClientLoad("wrk keep-alive GET /", 32, "/", null, null),
        new ClientLoad("wrk Connection: close GET /json", 4, "/json", "Connection: close", null),
        new ClientLoad("wrk POST 1 MiB /upload", 4, SoakServer.UPLOAD_PATH, null, upload),
        new ClientLoad("wrk GET 4 MiB static file", 2, "/static/big.bin", null, null));
    List<Fixture> fixtures = Fixture.readDirectory(options.fixtures(), "requests", true);
    Path log = work.resolve("server.log");
    Path gcLog = work.resolve("gc.log");
    int port = Probe.freePort();
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xms" + options.heapMib() + "m", "-Xmx" + options.heapMib() + "m",
        "-XX:+AlwaysPreTouch", "-Xlog:gc:file=" + gcLog,
        "-cp", System.getProperty("java.class.path"),
        SoakServer.class.getName(), "--port", Integer.toString(port),
        "--static", statics.toString()));
    if (options.backend() != null) {
      command.addAll(List.of("--backend", options.backend()));
    }
    try (ProcessRunner runner = new ProcessRunner()) {
      Process server = runner.start(command, log);
      String backend = awaitListening(server, log);
      System.out.println("soak: " + backend + " on port " + port + " for " + options.seconds()
          + " s; server log " + log);
      SoakRun result = load(server, gcLog, port, backend, loads, fixtures);
      runner.stop(server);
      result = result.withLog(ServerLog.read(log));
      boolean passed = result.passed();
      Files.createDirectories(options.out().toAbsolutePath().getParent());
      Files.writeString(options.out(), SoakReport.markdown(options, result));
      System.out.println("soak: " + (passed ? "PASSED" : "FAILED") + "; results in "
          + options.out());
      return passed;
    }
  }

  private SoakRun load(Process server, Path gcLog, int port, String backend, List<ClientLoad> loads,
      List<Fixture> fixtures) throws IOException, InterruptedException {
    long pid = server.pid();
    Sample baseline = Sample.take(pid, gcLog, 0);
    System.out.println("soak: baseline " + SoakReport.line(baseline));
    InetSocketAddress address = new InetSocketAddress("127.0.0.1", port);
    AtomicBoolean running = new AtomicBoolean(true);
    List<CompletableFuture<String>> wrks = new ArrayList<>();
    try (ProcessRunner clients = new ProcessRunner()) {
      for (ClientLoad l : loads) {
        wrks.add(CompletableFuture.supplyAsync(() -> {
          try {
            return clients.run(l.command(port, options.seconds()),
                Duration.ofSeconds(options.seconds() + 60));
          } catch (IOException e) {
            return "wrk failed: " + e.getMessage();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "wrk interrupted";
          }
        }));
      }
      Tally slow = new Tally("slow readers (" + SLOW_READERS + " × " + SLOW_READ_KIB
          + " KiB at 320 KiB/s)");
      Tally hostile = new Tally("hostile fixtures, one connection each");
      HostileReplay replay = new HostileReplay(address, fixtures, hostile, running::get);
      List<Thread> threads = new ArrayList<>();
      for (int i = 0; i < SLOW_READERS; i++) {
        threads.add(new Thread(new SlowReader(address, SLOW_READ_KIB, slow, running::get),
            "soak-slow-reader-" + i));
      }
      threads.add(new Thread(replay, "soak-hostile"));
      threads.forEach(Thread::start);
      List<Sample> samples = new ArrayList<>();
      List<String> problems = new ArrayList<>();
      long start = System.nanoTime();
      for (long t = options.intervalSeconds(); t <= options.seconds();
          t += options.intervalSeconds()) {
        long wait = start + TimeUnit.SECONDS.toNanos(t) - System.nanoTime();
        TimeUnit.NANOSECONDS.sleep(Math.max(0, wait)); // the sampling clock
        if (!server.isAlive()) {
          problems.add("the server exited with status " + server.exitValue() + " at " + t + " s");
          break;
        }
        Sample s = Sample.take(pid, gcLog, t);
        samples.add(s);
        System.out.println("soak: " + SoakReport.line(s) + "; slow reads " + slow.requests()
            + ", fixtures " + hostile.requests() + ", errors " + (slow.errors()
            + hostile.errors()));
      }
      running.set(false);
      for (Thread t : threads) {
        t.join(TimeUnit.SECONDS.toMillis(60));
        if (t.isAlive()) {
          problems.add(t.getName() + " did not stop within 60 s");
          t.interrupt();
        }
      }
      List<LoadResult> results = new ArrayList<>();
      for (int i = 0; i < loads.size(); i++) {
        results.add(LoadResult.ofWrk(loads.get(i), await(wrks.get(i))));
      }
      results.add(LoadResult.of(slow, SLOW_READERS));
      results.add(LoadResult.of(hostile, 1));
      Sample after = settle(pid, gcLog, baseline, start);
      int most = loads.stream().mapToInt(ClientLoad::connections).sum() + SLOW_READERS + 1;
      return new SoakRun(backend, baseline, samples, after, results, most, problems,
          replay.size(), null);
    }
  }

  private String await(CompletableFuture<String> wrk) throws InterruptedException {
    try {
      return wrk.get(options.seconds() + 120, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      return "wrk did not report: " + e;
    }
  }

  /** Waits until the server's descriptors are back at the baseline (or 30 s), then samples. */
  private static Sample settle(long pid, Path gcLog, Sample baseline, long start)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + SETTLE_LIMIT.toNanos();
    while (Sample.descriptors(pid) > baseline.descriptors() + Verdict.DESCRIPTORS_LEFT
        && System.nanoTime() < deadline) {
      TimeUnit.MILLISECONDS.sleep(200); // polling /proc: nothing to wait on
    }
    return Sample.take(pid, gcLog, TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start));
  }

  /** Waits for the server's "listening on PORT with BACKEND" line; returns the backend. */
  private static String awaitListening(Process server, Path log)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + START_LIMIT.toNanos();
    while (System.nanoTime() < deadline) {
      if (Files.exists(log)) {
        for (String line : Files.readAllLines(log)) {
          if (line.startsWith("listening on ")) {
            return line.substring(line.lastIndexOf(' ') + 1);
          }
        }
      }
      if (!server.isAlive()) {
        throw new IOException("the soak server exited (" + server.exitValue() + "): "
            + Files.readString(log));
      }
      TimeUnit.MILLISECONDS.sleep(100); // polling its log: nothing to wait on
    }
    throw new IOException("the soak server did not start within " + START_LIMIT.toSeconds()
        + " s; see " + log);
  }
}
