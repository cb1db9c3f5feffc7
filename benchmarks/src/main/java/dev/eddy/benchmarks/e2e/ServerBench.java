package dev.eddy.benchmarks.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Measures one server on every case: starts it, waits until it answers, then per case checks
 * the answer, warms up, and measures (wrk, with the server's CPU time and, for the Java servers,
 * its loop threads' allocation read before and after); stops it whatever happens.
 */
final class ServerBench {

  private static final Duration READY = Duration.ofSeconds(30);

  private final ProcessRunner runner;
  private final Fixtures fixtures;
  private final Wrk wrk;
  private final VersusOptions options;

  ServerBench(ProcessRunner runner, Fixtures fixtures, Wrk wrk, VersusOptions options) {
    this.runner = runner;
    this.fixtures = fixtures;
    this.wrk = wrk;
    this.options = options;
  }

  /**
   * One row per case, or one row saying why the server did not run.
   *
   * @param commands receives the server's exact command line
   */
  List<Measurement> run(Server s, List<String> commands) throws InterruptedException {
    if (s.unavailable() != null) {
      return List.of(Measurement.missing(s, "-", s.unavailable()));
    }
    List<Measurement> rows = new ArrayList<>();
    Process p = null;
    Path log = null;
    try {
      int port = Probe.freePort();
      List<String> command = s.command().build(port, fixtures);
      commands.add(s.name() + ": " + Report.shell(command));
      log = Files.createTempFile(fixtures.logDir(), s.name() + "-", ".log");
      p = runner.start(command, log);
      Probe.awaitReady(s.name(), p, port, READY);
      boolean first = true;
      for (Case c : Case.values()) {
        rows.add(measure(s, c, p, port, first ? options.firstWarmupSeconds()
            : options.warmupSeconds()));
        first = false;
      }
    } catch (IOException | RuntimeException e) {
      rows.add(Measurement.missing(s, "-", "failed: " + e.getMessage() + tail(log)));
    } finally {
      if (p != null) {
        runner.stop(p);
      }
    }
    return rows;
  }

  private Measurement measure(Server s, Case c, Process p, int port, int warmup)
      throws InterruptedException {
    try {
      String wrong = Answers.problem(port, c, fixtures.staticBytes());
      if (wrong != null) {
        return Measurement.missing(s, c.label, "not measured: " + wrong);
      }
      wrk.run(c, port, warmup);
      double cpu0 = ProcCpu.seconds(p.toHandle());
      long alloc0 = s.allocEndpoint() ? Probe.allocatedBytes(port) : -1;
      WrkResult w = wrk.run(c, port, options.measureSeconds());
      double cpu = ProcCpu.seconds(p.toHandle()) - cpu0;
      double perRequest = s.allocEndpoint() && w.requests() > 0
          ? (double) (Probe.allocatedBytes(port) - alloc0) / w.requests() : Double.NaN;
      if (!p.isAlive()) {
        return Measurement.missing(s, c.label, "server exited during the run");
      }
      return new Measurement(s.name(), s.baselineName(), c.label, w, cpu, perRequest,
          w.notes());
    } catch (IOException | RuntimeException e) {
      System.err.println("versus: " + s.name() + " " + c.label + ": " + e.getMessage());
      return Measurement.missing(s, c.label, "failed: " + firstLine(e.getMessage()));
    }
  }

  private static String firstLine(String message) {
    String line = String.valueOf(message).lines().findFirst().orElse("");
    return line.length() > 120 ? line.substring(0, 120) + "..." : line;
  }

  private static String tail(Path log) {
    if (log == null) {
      return "";
    }
    try {
      List<String> lines = Files.readAllLines(log);
      return lines.isEmpty() ? "" : " (log: " + String.join(" / ",
          lines.subList(Math.max(0, lines.size() - 3), lines.size())) + ")";
    } catch (IOException e) {
      return "";
    }
  }
}
