package dev.eddy.loop.tck;

import dev.eddy.loop.ResourceTracker;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit 5 extension that fails a test which leaves behind an open socket, pipe or poller
 * descriptor, or a live thread it started. The contract suites use it; a user's suites can too
 * ({@code @ExtendWith(ResourceLeakCheck.class)}).
 *
 * <p>Descriptors are read from {@code /proc/self/fd} where it exists (Linux): sockets, pipes,
 * anonymous inodes (epoll, eventfd) and regular files (a file channel left open) count; jar, zip
 * and shared-library files (class and native loading), the JDK's own files, libffi's trampoline
 * file and {@code /dev}, {@code /proc} and {@code /sys} do not.
 * Elsewhere the descriptor check is skipped and the thread check still runs. Threads started
 * during the test get up to 10 seconds to end (an executor shutting down) before they count.
 *
 * <p>After the whole test class it checks again: the descriptors against those before the class
 * (the test JVM's count around an integration suite), and, when {@link ResourceTracker} is on
 * ({@code -Deddy.trackResources=true}, as Eddy's own builds run), that no loop handle, stream or
 * pooled buffer the class opened is still open. It fails listing each one with where it was
 * opened.
 */
public final class ResourceLeakCheck implements BeforeEachCallback, AfterEachCallback,
    BeforeAllCallback, AfterAllCallback {

  private static final Path FD_DIR = Paths.get("/proc/self/fd");
  /** Files of the JDK itself (modules, fonts, time zones) open and close as the JVM likes. */
  private static final String JAVA_HOME = System.getProperty("java.home", "/nonexistent");
  private static final java.util.regex.Pattern LIBFFI_TRAMPOLINE =
      java.util.regex.Pattern.compile(".*/ffi[A-Za-z0-9]{6} \\(deleted\\)");
  private static final long THREAD_GRACE_MILLIS = 10_000;
  private static final ExtensionContext.Namespace NS =
      ExtensionContext.Namespace.create(ResourceLeakCheck.class);

  static {
    // The JDK keeps one socket open for the life of the VM once the first socket channel has been
    // made (a probe of its networking set-up). Make it now, so that it is in every "before".
    try {
      java.nio.channels.SocketChannel.open().close();
    } catch (IOException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    ExtensionContext.Store store = context.getStore(NS);
    store.put("classFds", descriptors());
    List<ResourceTracker.Tracked> open = ResourceTracker.open();
    store.put("tracked", open.isEmpty() ? 0L : open.get(open.size() - 1).id());
  }

  @Override
  @SuppressWarnings("unchecked")
  public void afterAll(ExtensionContext context) {
    ExtensionContext.Store store = context.getStore(NS);
    List<String> problems = leftOpen((Map<String, String>) store.get("classFds"));
    long before = (Long) store.get("tracked");
    for (ResourceTracker.Tracked t : ResourceTracker.open()) {
      if (t.id() > before) {
        problems.add("still open: " + t.describe());
      }
    }
    if (!problems.isEmpty()) {
      throw new AssertionError("resources left open by " + context.getDisplayName() + ":\n"
          + String.join("\n", problems));
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    ExtensionContext.Store store = context.getStore(NS);
    store.put("fds", descriptors());
    store.put("threads", new HashSet<>(Thread.getAllStackTraces().keySet()));
  }

  @Override
  @SuppressWarnings("unchecked")
  public void afterEach(ExtensionContext context) throws Exception {
    ExtensionContext.Store store = context.getStore(NS);
    Set<Thread> before = (Set<Thread>) store.get("threads");
    Map<String, String> fdsBefore = (Map<String, String>) store.get("fds");
    List<String> problems = new ArrayList<>();

    long deadline = System.currentTimeMillis() + THREAD_GRACE_MILLIS;
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (before.contains(t) || isJvmThread(t)) {
        continue;
      }
      long left = deadline - System.currentTimeMillis();
      if (left > 0) {
        t.join(left);
      }
      if (t.isAlive()) {
        problems.add("thread left running: " + t.getName());
      }
    }

    problems.addAll(leftOpen(fdsBefore));
    if (!problems.isEmpty()) {
      throw new AssertionError("resources leaked by " + context.getDisplayName() + ": "
          + problems);
    }
  }

  /** The descriptors open now that were not, as they were, in {@code before}. */
  private static List<String> leftOpen(Map<String, String> before) {
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, String> e : descriptors().entrySet()) {
      String target = e.getValue();
      if (!target.equals(before.get(e.getKey())) && counts(target)) {
        problems.add("descriptor left open: fd " + e.getKey() + " -> " + target);
      }
    }
    return problems;
  }

  private static boolean isJvmThread(Thread t) {
    if (t.getClass().getName().equals("jdk.internal.misc.CarrierThread")) {
      return true; // the JDK's shared scheduler of virtual threads (JDK 21 and later)
    }
    String name = t.getName();
    return name.startsWith("ForkJoinPool.commonPool") || name.startsWith("junit-")
        || name.equals("Common-Cleaner")
        || name.equals("JNA Cleaner") // JNA's process-wide cleaner of native memory
        // the JDK's reaper renames itself "process reaper (pid N)" while it waits for a child
        || name.startsWith("process reaper") || name.equals("Attach Listener")
        || name.equals("Signal Dispatcher") || name.equals("Notification Thread");
  }

  private static boolean counts(String target) {
    if (target.startsWith("/")) { // a file: a channel or stream the test left open
      return !target.startsWith(JAVA_HOME) && !target.startsWith("/dev/")
          && !target.startsWith("/proc/") && !target.startsWith("/sys/")
          && !target.endsWith(".jar") && !target.endsWith(".so") && !target.endsWith(".zip")
          // libffi's trampoline file (JNA callbacks), made once per process and kept open
          && !LIBFFI_TRAMPOLINE.matcher(target).matches();
    }
    return target.startsWith("socket:") || target.startsWith("pipe:")
        || target.startsWith("anon_inode:");
  }

  /** fd number to link target, or empty where /proc/self/fd does not exist. */
  private static Map<String, String> descriptors() {
    Map<String, String> result = new HashMap<>();
    if (!Files.isDirectory(FD_DIR)) {
      return result;
    }
    try (DirectoryStream<Path> dir = Files.newDirectoryStream(FD_DIR)) {
      for (Path fd : dir) {
        try {
          result.put(fd.getFileName().toString(), Files.readSymbolicLink(fd).toString());
        } catch (IOException vanished) {
          // closed between listing and reading (the listing's own descriptor, for one)
        }
      }
    } catch (IOException e) {
      throw new AssertionError("cannot list " + FD_DIR, e);
    }
    return result;
  }
}
