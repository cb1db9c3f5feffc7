package dev.eddy.benchmarks.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * CPU time from {@code /proc/<pid>/stat}: user plus system time ({@code utime + stime}, all
 * threads) of a process and of its live descendants (nginx's worker, Tornado's forked
 * children).
 */
final class ProcCpu {

  private static final double TICKS_PER_SECOND = ticksPerSecond();

  private ProcCpu() {}

  /** CPU seconds used so far by {@code root} and its live descendants. */
  static double seconds(ProcessHandle root) {
    List<ProcessHandle> tree = new ArrayList<>(root.descendants().toList());
    tree.add(root);
    long ticks = 0;
    for (ProcessHandle h : tree) {
      String[] f = fields(h.pid());
      if (f != null) {
        ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);   // utime (14), stime (15)
      }
    }
    return ticks / TICKS_PER_SECOND;
  }

  /** Whether {@code pid} has exited and waits for a parent to reap it. */
  static boolean isZombie(long pid) {
    String[] f = fields(pid);
    return f != null && f[0].equals("Z");
  }

  /** The fields after the command name: index 0 is field 3 (state) of proc(5). */
  private static String[] fields(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      return stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
    } catch (IOException e) {
      return null;                                  // gone since it was listed
    }
  }

  private static double ticksPerSecond() {
    try {
      Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes()).trim();
      return p.waitFor() == 0 ? Double.parseDouble(out) : 100;
    } catch (IOException | NumberFormatException e) {
      return 100;                                   // USER_HZ on every Linux we run on
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 100;
    }
  }
}
