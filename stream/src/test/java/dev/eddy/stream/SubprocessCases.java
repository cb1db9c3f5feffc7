package dev.eddy.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.eddy.loop.PollerSelection;
import dev.eddy.loop.spi.PollerProvider;
import dev.eddy.loop.tck.ResourceLeakCheck;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Subprocess on one backend, after Tornado's {@code SubprocessTest}; a subclass per backend runs
 * it. Needs a POSIX shell and the usual tools ({@code sh}, {@code cat}, {@code head}, {@code
 * sleep}); skipped where they are missing.
 */
@ExtendWith(ResourceLeakCheck.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
abstract class SubprocessCases {

  /** The backend's name. */
  abstract String backend();

  static final SubprocessOptions STREAMS = SubprocessOptions.DEFAULTS.withStreams(true, true, true);

  StreamFixture f;
  private final List<Subprocess> started = new ArrayList<>();

  @BeforeAll
  static void probeBackends() {
    PollerSelection.all().forEach(PollerProvider::isAvailable);
  }

  @BeforeEach
  void open() {
    assumeTrue(onPath("sh") && onPath("cat"), "needs sh and cat on the PATH");
    f = new StreamFixture(backend());
  }

  /** Kills what a failed test left running, closes its streams, and waits for it. */
  @AfterEach
  void close() throws IOException {
    if (f == null) {
      return;
    }
    try {
      for (Subprocess p : started) {
        p.kill();
        for (PipeIOStream s : new PipeIOStream[] {p.stdin(), p.stdout(), p.stderr()}) {
          if (s != null) {
            s.close();
          }
        }
        f.await(p.exitFuture().handle((c, t) -> null));
      }
    } finally {
      f.close();
    }
  }

  static boolean onPath(String program) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
        return true;
      }
    }
    return false;
  }

  Subprocess start(SubprocessOptions options, String... command) throws IOException {
    Subprocess p = Subprocess.start(f.loop, List.of(command), options);
    started.add(p);
    return p;
  }

  static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static String s(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  /** The exception {@code future} fails with, unwrapped. */
  Throwable failure(CompletableFuture<?> future) {
    CompletionException e = assertThrows(CompletionException.class,
        () -> f.await(future.handle((v, t) -> {
          if (t == null) {
            return v;
          }
          throw t instanceof CompletionException ? (CompletionException) t
              : new CompletionException(t);
        })));
    return e.getCause();
  }

  /** Runs the loop for {@code millis}. */
  void runFor(long millis) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    f.loop.callLater(Duration.ofMillis(millis), () -> done.complete(null));
    f.await(done);
  }

  @Test
  void catEchoesWhatIsWritten() throws IOException {
    // Tornado's test_subprocess, with cat in place of a Python prompt.
    Subprocess p = start(SubprocessOptions.DEFAULTS.withStreams(true, true, false), "cat");
    assertNull(p.stderr());
    assertTrue(p.pid() > 0);
    f.await(p.stdin().write(b("line 1\n")));
    assertEquals("line 1\n", s(f.await(p.stdout().readUntil(b("\n")))));
    p.stdin().write(b("line 2\nline "));
    f.await(p.stdin().write(b("3\n")));
    assertEquals("line 2\n", s(f.await(p.stdout().readUntil(b("\n")))));
    assertEquals("line 3\n", s(f.await(p.stdout().readUntil(b("\n")))));
    p.stdin().write(b("last words"));
    p.stdin().close();
    assertEquals("last words", s(f.await(p.stdout().readUntilClose())));
    assertEquals(0, f.await(p.waitForExit(true)));
    assertEquals(0, f.await(p.exitFuture()));
    assertEquals(List.of(), pumpThreads(p), "the stdio threads have ended");
  }

  /** The names of the live stdio threads of {@code p}. */
  static List<String> pumpThreads(Subprocess p) {
    String prefix = "eddy-subprocess-" + p.pid() + "-";
    List<String> names = new ArrayList<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().startsWith(prefix) && t.isAlive()) {
        names.add(t.getName());
      }
    }
    return names;
  }

  @Test
  void stderrIsCapturedAndAFailingCodeRaises() throws IOException {
    // Tornado's test_sigchild / test_wait_for_exit_raise.
    Subprocess p = start(SubprocessOptions.DEFAULTS.withStderr(Stdio.STREAM),
        "sh", "-c", "echo oops >&2; exit 3");
    assertNull(p.stdin());
    assertNull(p.stdout());
    assertEquals("oops\n", s(f.await(p.stderr().readUntilClose())));
    assertEquals(3, f.await(p.exitFuture()));
    Throwable t = failure(p.waitForExit(true));
    CalledProcessException e = assertInstanceOf(CalledProcessException.class, t);
    assertEquals(3, e.exitCode());
    assertEquals(List.of("sh", "-c", "echo oops >&2; exit 3"), e.command());
    assertEquals("Command 'sh -c \"echo oops >&2; exit 3\"' exited with code 3", e.getMessage());
    assertEquals(3, f.await(p.waitForExit(false)));
  }

  @Test
  void theExitCallbackGetsTheCode() throws IOException {
    Subprocess p = start(SubprocessOptions.DEFAULTS, "sh", "-c", "exit 7");
    CompletableFuture<Integer> code = new CompletableFuture<>();
    StringBuilder order = new StringBuilder();
    p.setExitCallback(c -> {
      order.append("callback;");
      code.complete(c);
    });
    p.exitFuture().thenRun(() -> order.append("future;"));
    assertEquals(7, f.await(code));
    f.await(p.exitFuture());
    assertEquals("callback;future;", order.toString());
    CompletableFuture<Integer> late = new CompletableFuture<>();
    p.setExitCallback(late::complete);
    assertFalse(late.isDone(), "set after the exit, it runs in a later iteration");
    assertEquals(7, f.await(late));
  }

  @Test
  void largeOutputIsFlowControlled() throws IOException {
    assumeTrue(onPath("head"), "needs head");
    int total = 5_000_000;
    Subprocess p = start(SubprocessOptions.DEFAULTS.withStdout(Stdio.STREAM)
            .withStreamOptions(StreamOptions.DEFAULTS.withMaxBufferSize(256 * 1024)),
        "head", "-c", String.valueOf(total), "/dev/zero");
    f.await(p.stdout().readBytes(10));
    runFor(300);
    assertFalse(p.exitFuture().isDone(), "the child is held back while nobody reads");
    assertTrue(ProcessHandle.of(p.pid()).map(ProcessHandle::isAlive).orElse(false));
    long got = 10 + f.await(readAll(p.stdout(), 0));
    assertEquals(total, got);
    assertEquals(0, f.await(p.waitForExit()));
  }

  /** Reads partial chunks until the end of stream; the number of bytes read. */
  private CompletableFuture<Long> readAll(PipeIOStream s, long sofar) {
    if (s.closed()) {
      return CompletableFuture.completedFuture(sofar);
    }
    return s.readBytes(64 * 1024, true).handle((chunk, t) -> chunk)
        .thenCompose(chunk -> readAll(s, sofar + (chunk == null ? 0 : chunk.length)));
  }

  @Test
  void theExitDoesNotWaitForTheReader() throws IOException {
    // More than a pipe holds, less than the pipes and the pump hold together: the child exits
    // though nobody reads, and its output is still all there after the exit.
    assumeTrue(onPath("head"), "needs head");
    Subprocess p = start(SubprocessOptions.DEFAULTS.withStdout(Stdio.STREAM),
        "head", "-c", "100000", "/dev/zero");
    assertEquals(0, f.await(p.waitForExit()));
    assertEquals(100_000, f.await(p.stdout().readUntilClose()).length);
    assertEquals(List.of(), pumpThreads(p));
  }

  @Test
  void closingStdoutEarlyStopsAWritingChild() throws IOException {
    assumeTrue(onPath("head"), "needs head");
    Subprocess p = start(SubprocessOptions.DEFAULTS.withStdout(Stdio.STREAM)
        .withStderr(Stdio.DISCARD), "head", "-c", "1000000000", "/dev/zero");
    assertEquals(10, f.await(p.stdout().readBytes(10)).length);
    p.stdout().close();
    int code = f.await(p.waitForExit(false));
    assertEquals(128 + 13, code, "killed by SIGPIPE");
    assertEquals(List.of(), pumpThreads(p));
  }

  @Test
  void aTimeoutKillsTheProcess() throws IOException {
    assumeTrue(onPath("sleep"), "needs sleep");
    long t0 = System.nanoTime();
    Subprocess p = start(SubprocessOptions.DEFAULTS.withStdout(Stdio.STREAM)
        .withTimeout(Duration.ofMillis(200)), "sleep", "30");
    CompletableFuture<byte[]> out = p.stdout().readUntilClose();
    CompletableFuture<Integer> code = new CompletableFuture<>();
    p.setExitCallback(code::complete);
    Throwable t = failure(p.exitFuture());
    assertInstanceOf(TimeoutException.class, t);
    assertEquals("Command 'sleep 30' killed after 0.2 s", t.getMessage());
    assertInstanceOf(TimeoutException.class, failure(p.waitForExit(false)));
    assertEquals(128 + 9, f.await(code), "killed by SIGKILL");
    assertFalse(ProcessHandle.of(p.pid()).map(ProcessHandle::isAlive).orElse(false));
    assertEquals(0, f.await(out).length, "stdout reached its end");
    assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(20));
  }

  @Test
  void killAndTerminate() throws IOException {
    assumeTrue(onPath("sleep"), "needs sleep");
    Subprocess killed = start(SubprocessOptions.DEFAULTS, "sleep", "30");
    killed.kill();
    assertEquals(137, f.await(killed.waitForExit(false)));
    Subprocess terminated = start(SubprocessOptions.DEFAULTS, "sleep", "30");
    terminated.terminate();
    assertEquals(143, f.await(terminated.waitForExit(false)));
  }

  @Test
  void aMissingProgramIsReportedClearly() {
    IOException e = assertThrows(IOException.class,
        () -> start(STREAMS, "nosuch-program-eddy-test"));
    assertEquals("cannot start 'nosuch-program-eddy-test': No such file or directory",
        e.getMessage());
    // ResourceLeakCheck: the pipes made for the streams are closed again.
  }

  @Test
  void aMissingDirectoryIsNamed() {
    IOException e = assertThrows(IOException.class,
        () -> start(STREAMS.withDirectory(Path.of("/nonexistent-eddy-dir")), "cat"));
    assertTrue(e.getMessage().startsWith(
        "cannot start 'cat' in directory '/nonexistent-eddy-dir': "), e.getMessage());
  }

  @Test
  void environmentAndDirectoryAreHonoured(@TempDir Path dir) throws IOException {
    Path real = dir.toRealPath();
    Subprocess p = start(SubprocessOptions.DEFAULTS.withStdout(Stdio.STREAM)
            .withDirectory(real).withEnv("EDDY_TEST_VAR", "hello world"),
        "sh", "-c", "echo \"$EDDY_TEST_VAR\"; pwd");
    assertEquals("hello world\n" + real + "\n", s(f.await(p.stdout().readUntilClose())));
    assertEquals(0, f.await(p.waitForExit()));
  }

  @Test
  void theEnvironmentCanBeReplaced() throws IOException {
    Subprocess p = start(SubprocessOptions.DEFAULTS.withStdout(Stdio.STREAM)
            .withEnvironment(Map.of("ONLY", "1")).withEnv("ALSO", "2"),
        "sh", "-c", "echo \"$ONLY$ALSO:${HOME:-unset}\"");
    assertEquals("12:unset\n", s(f.await(p.stdout().readUntilClose())));
    assertEquals(0, f.await(p.waitForExit()));
  }

  @Test
  void closingStdinEarlyGivesTheChildTheEndOfFile() throws IOException {
    Subprocess p = start(SubprocessOptions.DEFAULTS.withStreams(true, true, false), "cat");
    p.stdin().close();
    assertEquals("", s(f.await(p.stdout().readUntilClose())));
    assertEquals(0, f.await(p.waitForExit()));
  }

  @Test
  void writingToTheStdinOfAnExitedChildFails() throws IOException {
    Subprocess p = start(SubprocessOptions.DEFAULTS.withStdin(Stdio.STREAM), "sh", "-c", "exit 0");
    assertEquals(0, f.await(p.waitForExit()));
    Throwable t = failure(p.stdin().write(b("too late")));
    assertInstanceOf(StreamClosedException.class, t);
    assertNotNull(((StreamClosedException) t).realError(), "broken pipe");
  }

  @Test
  void outputGoesToFilesOrToStdout(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("out.txt");
    Subprocess toFile = start(SubprocessOptions.DEFAULTS.withStdout(Stdio.file(file))
        .withStderr(Stdio.DISCARD), "sh", "-c", "echo to file; echo dropped >&2");
    assertEquals(0, f.await(toFile.waitForExit()));
    assertEquals("to file\n", Files.readString(file));
    Subprocess appended = start(SubprocessOptions.DEFAULTS.withStdout(Stdio.append(file)),
        "sh", "-c", "echo more");
    assertEquals(0, f.await(appended.waitForExit()));
    assertEquals("to file\nmore\n", Files.readString(file));
    Subprocess fromFile = start(SubprocessOptions.DEFAULTS.withStdin(Stdio.file(file))
        .withStdout(Stdio.STREAM), "cat");
    assertEquals("to file\nmore\n", s(f.await(fromFile.stdout().readUntilClose())));
    f.await(fromFile.waitForExit());
    Subprocess merged = start(SubprocessOptions.DEFAULTS.withStdout(Stdio.STREAM)
        .withStderr(Stdio.TO_STDOUT), "sh", "-c", "echo out; echo err >&2");
    assertEquals("out\nerr\n", s(f.await(merged.stdout().readUntilClose())));
    f.await(merged.waitForExit());
    assertThrows(IllegalArgumentException.class,
        () -> SubprocessOptions.DEFAULTS.withStdout(Stdio.TO_STDOUT));
    assertThrows(IllegalArgumentException.class,
        () -> SubprocessOptions.DEFAULTS.withStdin(Stdio.append(file)));
  }

  @Test
  void largeInputThroughCat() throws IOException {
    // 4 MiB through cat and back: both directions flow-controlled at once.
    assumeTrue(onPath("wc"), "needs wc");
    Subprocess p = start(SubprocessOptions.DEFAULTS.withStreams(true, true, false), "wc", "-c");
    byte[] data = new byte[4 * 1024 * 1024];
    f.await(p.stdin().write(data));
    p.stdin().close();
    assertEquals(String.valueOf(data.length), s(f.await(p.stdout().readUntilClose())).trim());
    assertEquals(0, f.await(p.waitForExit()));
  }
}
