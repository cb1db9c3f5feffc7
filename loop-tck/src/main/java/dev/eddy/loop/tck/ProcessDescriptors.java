package dev.eddy.loop.tck;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@link DescriptorExhaustionScenario} reads about its own process's descriptors, from
 * {@code /proc} (Linux). Stateless; thread-safe. Every method throws {@link IOException} where
 * {@code /proc} cannot be read, which includes "too many open files": call them only while
 * descriptors are free.
 */
final class ProcessDescriptors {

  private static final Path LIMITS = Path.of("/proc/self/limits");
  private static final Path FD_DIR = Path.of("/proc/self/fd");

  private ProcessDescriptors() {}

  /** The soft limit on open descriptors ({@code RLIMIT_NOFILE}); {@code Long.MAX_VALUE} if none. */
  static long softLimit() throws IOException {
    for (String line : Files.readAllLines(LIMITS)) {
      if (line.startsWith("Max open files")) {
        // "Max open files            256                  256                  files"
        String soft = line.substring("Max open files".length()).trim().split("\\s+")[0];
        return soft.equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(soft);
      }
    }
    throw new IOException("no \"Max open files\" line in " + LIMITS);
  }

  /**
   * The descriptors open now, as number to what it refers to, without those of this listing (the
   * JDK may use more than one to read a directory) and without files under {@code /sys} and
   * {@code /proc}: the JVM reads its cgroup limits there whenever it likes (a fresh-clone run
   * counted one {@code memory.limit_in_bytes} as left open), and the scenario opens none.
   */
  static Map<Integer, String> open() throws IOException {
    Path self = FD_DIR.toRealPath();
    Map<Integer, String> result = new TreeMap<>();
    try (DirectoryStream<Path> fds = Files.newDirectoryStream(FD_DIR)) {
      for (Path fd : fds) {
        String target;
        try {
          target = Files.readSymbolicLink(fd).toString();
        } catch (IOException closedSince) {
          continue;
        }
        if (!target.equals(self.toString()) && !target.startsWith("/sys/")
            && !target.startsWith("/proc/")) {
          result.put(Integer.valueOf(fd.getFileName().toString()), target);
        }
      }
    }
    return result;
  }

  /**
   * Makes the application class loader open every jar on the class path now. It opens them lazily,
   * on the first look-up that reaches each; a class first needed once the process is out of
   * descriptors could otherwise not be loaded. A look-up of a name that exists nowhere reaches all.
   */
  static void openEveryClassPathJar() throws IOException {
    ClassLoader loader = ClassLoader.getSystemClassLoader();
    Collections.list(loader.getResources("dev/eddy/loop/tck/no-such-resource"));
  }
}
