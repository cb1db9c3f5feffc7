package dev.eddy.benchmarks.soak;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The server's resources at one moment of the soak run.
 *
 * @param seconds seconds since the load started (negative: before it)
 * @param heapAfterGcKib the heap in use right after a full GC, in KiB: {@code jcmd GC.run}, then
 *     the figure after the arrow of that collection's line in the server's GC log ({@code Pause
 *     Full (System.gc()) 92M->5M(256M)}), which no allocation after it can blur
 * @param rssKib the resident set ({@code VmRSS} of {@code /proc/PID/status}), in KiB
 * @param descriptors the open descriptors ({@code /proc/PID/fd})
 * @param threads the threads ({@code Threads} of {@code /proc/PID/status})
 */
record Sample(long seconds, long heapAfterGcKib, long rssKib, int descriptors, int threads) {

  private static final Pattern FULL_GC =
      Pattern.compile("Pause Full \\(Diagnostic Command\\) \\d+M->(\\d+)M");
  private static final Duration JCMD_LIMIT = Duration.ofSeconds(30);

  /**
   * Takes a sample of process {@code pid}, which logs its collections to {@code gcLog} ({@code
   * -Xlog:gc:file=…}).
   *
   * @throws IOException if the process is gone or jcmd fails (the message says which)
   */
  static Sample take(long pid, Path gcLog, long seconds)
      throws IOException, InterruptedException {
    jcmd(pid, "GC.run");
    String after = null;
    for (String line : Files.readAllLines(gcLog)) {
      Matcher m = FULL_GC.matcher(line);
      if (m.find()) {
        after = m.group(1);
      }
    }
    if (after == null) {
      throw new IOException("no 'Pause Full (Diagnostic Command)' line in " + gcLog);
    }
    long rss = -1;
    int threads = -1;
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
      if (line.startsWith("VmRSS:")) {
        rss = Long.parseLong(line.replaceAll("[^0-9]", ""));
      } else if (line.startsWith("Threads:")) {
        threads = Integer.parseInt(line.replaceAll("[^0-9]", ""));
      }
    }
    return new Sample(seconds, Long.parseLong(after) * 1024, rss, descriptors(pid), threads);
  }

  /** The open descriptors of process {@code pid}. */
  static int descriptors(long pid) throws IOException {
    try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
      return (int) fds.count();
    }
  }

  private static String jcmd(long pid, String command) throws IOException, InterruptedException {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    Path output = Files.createTempFile("eddy-soak-jcmd", ".txt");
    try {
      Process p = new ProcessBuilder(List.of(jcmd.toString(), Long.toString(pid), command))
          .redirectErrorStream(true).redirectOutput(output.toFile()).start();
      p.getOutputStream().close();
      if (!p.waitFor(JCMD_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly().waitFor();
        throw new IOException("jcmd " + command + " ran past " + JCMD_LIMIT.toSeconds() + " s");
      }
      String out = Files.readString(output);
      if (p.exitValue() != 0) {
        throw new IOException("jcmd " + pid + " " + command + " failed: " + out.strip());
      }
      return out;
    } finally {
      Files.deleteIfExists(output);
    }
  }
}
