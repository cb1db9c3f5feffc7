package dev.eddy.benchmarks.e2e;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** The Markdown document of a run: what ran where, how, the table, and the exact commands. */
final class Report {

  private static final Pattern PLAIN_WORD = Pattern.compile("[A-Za-z0-9_./:=,@+-]+");

  private Report() {}

  /**
   * The document.
   *
   * @param wrkCommands one line per case, its wrk command with {@code PORT} for the port
   * @param serverCommands one line per server, {@code name: command}
   */
  static String markdown(VersusOptions o, String commandLine, Table table, Duration wall,
      List<String> machine, List<String> wrkCommands, List<String> serverCommands) {
    StringBuilder md = new StringBuilder();
    md.append("# Eddy versus Netty, Tornado and nginx: ").append(LocalDate.now()).append("\n\n");
    md.append("Produced by `").append(commandLine).append("` in ")
        .append(minutes(wall)).append(" (wall time)")
        .append(o.only() != null ? ", servers matching `" + o.only() + "`" : "")
        .append(".\n\n## Machine and software\n\n");
    machine.forEach(line -> md.append("- ").append(line).append('\n'));
    md.append("\n## Method\n\n")
        .append("- Everything on loopback (127.0.0.1), client and server sharing the machine's ")
        .append("cores. Each server runs alone, started as a child process on a free port; ")
        .append("it must answer every case correctly before the case is measured.\n")
        .append("- Per case: a warm-up of ").append(o.warmupSeconds()).append(" s (")
        .append(o.firstWarmupSeconds()).append(" s for a server's first case), then a ")
        .append(o.measureSeconds()).append(" s measured run: `wrk -t").append(Wrk.THREADS)
        .append(" -c").append(Wrk.CONNECTIONS).append(" --latency`.")
        .append(o.rounds() > 1 ? " The whole sequence ran " + o.rounds() + " times, the servers "
            + "taking turns; each row is that server's median round for the case (its p50, p99, "
            + "CPU and allocation are that round's), and the notes give every round's "
            + "requests/s." : "")
        .append(" `pipelined` sends ")
        .append(Case.PIPELINE_DEPTH).append(" requests per write (TechEmpower's pipeline.lua); ")
        .append("`close` sends `Connection: close` (a connection per request); `static` is a ")
        .append("64 KiB file, the same bytes for every server.\n")
        .append("- server CPU s: utime + stime of the server process and its children from ")
        .append("`/proc/<pid>/stat`, before and after the measured run; requests/CPU-s is wrk's ")
        .append("request count over it.\n")
        .append("- vs netty-epoll: requests/s over those of the raw Netty epoll server with the ")
        .append("same number of loops/processes (x1 or one per core), same case.\n")
        .append("- B/req (loop threads): bytes allocated by the server's loop threads ")
        .append("(`ThreadMXBean.getThreadAllocatedBytes`, read through `GET /__alloc`) over the ")
        .append("measured run, divided by wrk's request count (Java servers only).\n")
        .append("- `-xN` is the number of loops (Eddy), event-loop threads (Netty), processes ")
        .append("(Tornado, `fork_processes`) or workers (nginx).\n\n");
    md.append("## Results\n\n").append(table.markdown());
    md.append("\n## Commands\n\nwrk, per case (after the warm-up run with the same arguments):")
        .append("\n\n```sh\n");
    wrkCommands.forEach(c -> md.append(c).append('\n'));
    md.append("```\n\nServers (paths are the run's temporary directory):\n\n```sh\n");
    serverCommands.forEach(c -> md.append(c).append('\n'));
    md.append("```\n\n## Files written at run time\n\n`pipeline.lua`:\n\n```lua\n")
        .append(Scripts.PIPELINE_LUA).append("```\n\n`tornado_hello.py`:\n\n```python\n")
        .append(Scripts.TORNADO_PY).append("```\n\n`nginx.conf` (`PREFIX` and `DIR` are the ")
        .append("temporary directories above):\n\n```nginx\n")
        .append(Scripts.nginxConf(0, Path.of("PREFIX"), Path.of("DIR")).replace(":0;", ":PORT;"))
        .append("```\n");
    return md.toString();
  }

  /** {@code command} as a shell would need it typed. */
  static String shell(List<String> command) {
    StringBuilder out = new StringBuilder();
    for (String arg : command) {
      out.append(out.length() > 0 ? " " : "").append(PLAIN_WORD.matcher(arg).matches() ? arg
          : "'" + arg.replace("'", "'\\''") + "'");
    }
    return out.toString();
  }

  static String minutes(Duration d) {
    return String.format(Locale.ROOT, "%d min %02d s", d.toMinutes(), d.toSecondsPart());
  }
}
