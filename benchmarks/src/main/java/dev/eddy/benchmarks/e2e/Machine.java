package dev.eddy.benchmarks.e2e;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/** What the figures were measured on: the machine, the JVM and the peers' versions. */
final class Machine {

  private Machine() {}

  /** {@code /proc/loadavg}'s 1, 5 and 15 minute load averages. */
  static String loadAverage() {
    String[] f = read("/proc/loadavg").split(" ");
    return f.length >= 3 ? f[0] + " / " + f[1] + " / " + f[2] : "?";
  }

  /**
   * One line each, as Markdown list items.
   *
   * @param loadAtStart {@link #loadAverage()} when the run began
   */
  static List<String> describe(String loadAtStart) {
    List<String> lines = new ArrayList<>();
    lines.add("nproc: " + Runtime.getRuntime().availableProcessors());
    lines.add("CPU: " + procField("/proc/cpuinfo", "model name"));
    String mem = procField("/proc/meminfo", "MemTotal").replace(" kB", "").trim();
    lines.add("memory: " + (mem.matches("\\d+")
        ? String.format(Locale.ROOT, "%.1f GiB", Long.parseLong(mem) / 1048576.0) : mem));
    lines.add("kernel: " + read("/proc/sys/kernel/osrelease"));
    lines.add("load average (1 / 5 / 15 min): " + loadAtStart + " at the start, "
        + loadAverage() + " at the end (anything else running shows here)");
    lines.add("JVM: " + System.getProperty("java.vm.name") + " "
        + System.getProperty("java.runtime.version") + " (" + System.getProperty("java.vendor")
        + ")");
    lines.add("runner JVM flags: " + flags(ManagementFactory.getRuntimeMXBean()
        .getInputArguments()));
    lines.add("server JVM flags: " + flags(Catalog.JVM_FLAGS)
        + " (otherwise the JVM's defaults)");
    lines.add("Netty: " + io.netty.util.Version.identify().values().stream()
        .map(io.netty.util.Version::artifactVersion).distinct().findFirst().orElse("?"));
    lines.add("wrk: " + output(List.of("wrk", "-v")));
    lines.add("Tornado: " + output(List.of(Catalog.PYTHON, "-c",
        "import sys, tornado; print(tornado.version, 'on Python', sys.version.split()[0])")));
    lines.add("nginx: " + output(List.of(Catalog.NGINX, "-v")));
    return lines;
  }

  private static String flags(List<String> flags) {
    return flags.isEmpty() ? "(none)" : "`" + String.join(" ", flags) + "`";
  }

  private static String procField(String file, String field) {
    for (String line : read(file).split("\n")) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).trim().equals(field)) {
        return line.substring(colon + 1).trim();
      }
    }
    return "?";
  }

  private static String read(String file) {
    try {
      return Files.readString(Path.of(file)).trim();
    } catch (IOException e) {
      return "?";
    }
  }

  /** The first line a command prints (wrk -v exits 1, nginx -v prints to stderr). */
  private static String output(List<String> command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes()).trim();
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor();
      }
      return out.lines().findFirst().orElse("?");
    } catch (IOException e) {
      return "not installed";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "?";
    }
  }
}
