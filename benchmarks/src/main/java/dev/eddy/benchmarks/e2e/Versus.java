package dev.eddy.benchmarks.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The end-to-end benchmark runner (issue 10): every server in turn — Eddy's HTTP-level and web
 * hellos on each backend with one loop and one loop per core, a raw Netty baseline, Python
 * Tornado and nginx — on five cases (plaintext, pipelined, json, static, close) driven by
 * {@code wrk} over loopback; prints one table and writes it with the machine, the JVM and the
 * exact commands as Markdown. See the package documentation for how to run it.
 *
 * <p>Exit status: 0 when the run completed (rows may still report failures), 1 when it could
 * not run, 2 for bad flags.
 */
public final class Versus {

  private Versus() {}

  public static void main(String[] args) throws Exception {
    VersusOptions o;
    try {
      o = VersusOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("versus: " + e.getMessage() + "\n" + VersusOptions.USAGE);
      System.exit(2);
      return;
    }
    if (!Wrk.installed()) {
      System.err.println("versus: wrk is not on the PATH (Debian: apt-get install wrk)");
      System.exit(1);
    }
    long start = System.nanoTime();
    String loadAtStart = Machine.loadAverage();
    String java = ProcessHandle.current().info().command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    String classPath = System.getProperty("java.class.path");
    int cores = Runtime.getRuntime().availableProcessors();
    List<Server> servers = new Catalog(java, classPath, cores).servers().stream()
        .filter(s -> o.includes(s.name())).toList();
    int cases = Case.values().length;
    long planned = servers.stream().filter(s -> s.unavailable() == null).count();
    System.out.printf(Locale.ROOT, "versus: %d servers x %d cases x %d rounds, %d s warm-up (%d s"
        + " first) + %d s measured each: about %.1f min%n", planned, cases, o.rounds(),
        o.warmupSeconds(), o.firstWarmupSeconds(), o.measureSeconds(), o.rounds() * planned
            * (cases * (o.warmupSeconds() + o.measureSeconds() + 0.2) + o.firstWarmupSeconds()
            - o.warmupSeconds() + 1.5) / 60);
    List<Measurement> rows = new ArrayList<>();
    List<String> serverCommands = new ArrayList<>();
    List<String> wrkCommands = new ArrayList<>();
    try (ProcessRunner runner = new ProcessRunner(); Fixtures fixtures = Fixtures.create()) {
      runner.onInterrupt(fixtures::close);
      Wrk wrk = new Wrk(runner, fixtures.pipelineScript());
      for (Case c : Case.values()) {
        wrkCommands.add(Report.shell(wrk.command(c, 0, o.measureSeconds()))
            .replace("127.0.0.1:0/", "127.0.0.1:PORT/"));
      }
      ServerBench bench = new ServerBench(runner, fixtures, wrk, o);
      for (int round = 1; round <= o.rounds() && !runner.closing(); round++) {
        if (o.rounds() > 1) {
          System.out.println("round " + round + " of " + o.rounds());
        }
        // Commands are listed once; later rounds run the same ones.
        List<String> commands = round == 1 ? serverCommands : new ArrayList<>();
        for (Server s : servers) {
          if (runner.closing()) {
            break;
          }
          for (Measurement m : bench.run(s, commands)) {
            rows.add(m);
            System.out.println(progress(m));
          }
        }
      }
    }
    Duration wall = Duration.ofNanos(System.nanoTime() - start);
    Table table = new Table(Rounds.medians(rows));
    System.out.println();
    System.out.print(table.text());
    System.out.println("wall time: " + Report.minutes(wall));
    String commandLine = Report.shell(List.of("java", "-cp", classPath, Versus.class.getName()))
        + (args.length > 0 ? " " + Report.shell(List.of(args)) : "");
    write(o.out(), Report.markdown(o, commandLine, table, wall, Machine.describe(loadAtStart),
        wrkCommands, serverCommands));
  }

  private static String progress(Measurement m) {
    WrkResult w = m.wrk();
    return w == null ? String.format("  %-25s %-9s %s", m.server(), m.caseLabel(), m.note())
        : String.format(Locale.ROOT, "  %-25s %-9s %,10.0f req/s  p50 %.2f ms  p99 %.2f ms  %s",
            m.server(), m.caseLabel(), w.requestsPerSecond(), w.p50Millis(), w.p99Millis(),
            m.note());
  }

  private static void write(Path out, String markdown) throws IOException {
    Path dir = out.toAbsolutePath().getParent();
    if (dir != null) {
      Files.createDirectories(dir);
    }
    Files.writeString(out, markdown);
    System.out.println("written: " + out);
  }
}
