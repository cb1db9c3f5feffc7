package dev.eddy.stream;

import dev.eddy.loop.IOLoop;
import dev.eddy.loop.Timeout;
import dev.eddy.loop.spi.PipeHandles;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A child process whose standard streams can be {@link PipeIOStream}s on a loop, and whose exit
 * is reported on the loop: Tornado's {@code tornado.process.Subprocess}.
 *
 * <pre>{@code
 * Subprocess p = Subprocess.start(loop, List.of("cat"),
 *     SubprocessOptions.DEFAULTS.withStreams(true, true, false));
 * p.stdin().write("hello\n".getBytes());
 * p.stdin().close();                                   // cat reads the end of file
 * p.stdout().readUntilClose().thenAccept(out -> ...);  // "hello\n"
 * p.waitForExit(true).thenAccept(code -> ...);         // 0
 * }</pre>
 *
 * <p><b>Streams.</b> Each of stdin, stdout and stderr is a stream, inherited, discarded or a file,
 * as {@link SubprocessOptions} says. A streamed one is a {@link PipeIOStream} over a pipe of the
 * loop's backend; since the JDK gives a child's stdio only as blocking Java streams, one daemon
 * thread per streamed stdio ({@code eddy-subprocess-<pid>-stdout}, ...) moves the bytes between
 * the two, the pipe being the hand-off: a stream that is not read holds the child back, as a
 * direct pipe would. From the stream's side it is an ordinary pipe: stdout and stderr reach the
 * end of stream when the child's end is closed (normally when it exits); closing stdin closes the
 * child's stdin once what was written has been passed on; writing to stdin after the child exited
 * fails with "broken pipe". The streams belong to the caller, who closes the ones it does not read
 * to the end.
 *
 * <p><b>Exit.</b> {@link #exitFuture()} completes on the loop's thread with the exit code once
 * the process has exited <em>and</em> its stdio threads are done: the stdin thread has ended,
 * and the stdout and stderr threads have ended (all passed on, up to the end of stream) or are
 * waiting for the application to read what is left, which stays readable; those end when their
 * stream reads to the end or is closed, and {@code close()} waits for them. A program that
 * writes more output than the pipes hold (about 192 KiB here, 64 KiB in Tornado) to a stream
 * nobody reads does not exit at all: read the output while waiting for the exit. A descendant
 * that keeps the child's stdout or stderr open delays the end of that stream, and so the exit
 * future, until it closes it or exits. A death by signal n gives the code 128 + n, as the JDK
 * and the shell report it (137 after {@link #kill()}, 143 after {@link #terminate()}), not
 * Python's negative -n.
 *
 * <p><b>Timeout.</b> With {@link SubprocessOptions#withTimeout}, a process still running after
 * the timeout is killed with its descendants (SIGKILL), its streams then reach their end, and
 * its exit future fails with a {@link TimeoutException} ("Command 'sleep 30' killed after 0.2
 * s"); the exit callback still gets the code.
 *
 * <p><b>Threading.</b> {@link #start} and the methods that take or return futures or callbacks
 * are called on the loop's thread (or before the loop runs), like every stream; futures and
 * callbacks complete there. {@link #pid()}, {@link #command()}, {@link #kill()} and {@link
 * #terminate()} may be called from any thread.
 */
public final class Subprocess {

  private static final Logger log = LoggerFactory.getLogger(Subprocess.class);

  private final IOLoop loop;
  private final List<String> command;
  private final Process process;
  private final Duration timeout;
  private final PipeIOStream stdin;
  private final PipeIOStream stdout;
  private final PipeIOStream stderr;
  private final InputPump inputPump;
  private final List<StdioPump> pumps = new ArrayList<>(3);
  private final CompletableFuture<Integer> exitFuture = new CompletableFuture<>();

  /** Set on the JDK's thread when the process has exited. */
  private volatile boolean exited;
  /** The exit, as seen on the loop's thread. */
  private boolean exitSeen;
  private int exitCode;
  private boolean timedOut;
  /** The exit was delivered (loop thread; read by the pumps). */
  private volatile boolean delivered;
  private IntConsumer exitCallback;
  private Timeout timer;

  private Subprocess(IOLoop loop, List<String> command, Process process,
      SubprocessOptions options, PipeHandles in, PipeHandles out, PipeHandles err) {
    this.loop = loop;
    this.command = command;
    this.process = process;
    this.timeout = options.timeout();
    String prefix = "eddy-subprocess-" + process.pid() + "-";
    StreamOptions so = options.streamOptions();
    if (in != null) {
      inputPump = new InputPump(prefix + "stdin", in.source(), process.getOutputStream(),
          this::pumpQuiet);
      pumps.add(inputPump);
      stdin = PipeIOStream.writer(loop, in.sink(), so);
      stdin.setPeer(inputPump);
    } else {
      inputPump = null;
      stdin = null;
    }
    stdout = out == null ? null
        : outputStream(prefix + "stdout", process.getInputStream(), out, so);
    stderr = err == null ? null
        : outputStream(prefix + "stderr", process.getErrorStream(), err, so);
  }

  /** A reader stream over {@code pipe}, with a pump that fills it from {@code from}. */
  private PipeIOStream outputStream(String name, InputStream from, PipeHandles pipe,
      StreamOptions so) {
    OutputPump pump = new OutputPump(name, from, pipe.sink(), this::pumpQuiet);
    pumps.add(pump);
    PipeIOStream s = PipeIOStream.reader(loop, pipe.source(), so);
    s.setPeer(pump);
    return s;
  }

  /** {@link #start(IOLoop, List, SubprocessOptions)} with {@link SubprocessOptions#DEFAULTS}. */
  public static Subprocess start(IOLoop loop, List<String> command) throws IOException {
    return start(loop, command, SubprocessOptions.DEFAULTS);
  }

  /**
   * Starts {@code command} (the program, found on the {@code PATH} if it has no slash, and its
   * arguments). Loop thread, or before the loop runs.
   *
   * @throws IOException if the program cannot be started; the message names it and the reason:
   *     {@code cannot start 'nosuch-program': No such file or directory} (with {@code in directory
   *     '...'} when a working directory was given). Nothing is left open then.
   * @throws IllegalArgumentException for an empty command
   * @throws IllegalStateException if called on another thread while the loop runs
   */
  public static Subprocess start(IOLoop loop, List<String> command, SubprocessOptions options)
      throws IOException {
    Objects.requireNonNull(loop, "loop");
    Objects.requireNonNull(options, "options");
    List<String> cmd = List.copyOf(command);
    if (cmd.isEmpty()) {
      throw new IllegalArgumentException("the command is empty: a program is needed");
    }
    if (loop.isRunning() && !loop.inLoopThread()) {
      throw new IllegalStateException("Subprocess.start must be called on the loop's thread "
          + "while it runs; use addCallback to get there");
    }
    ProcessBuilder pb = builder(cmd, options);
    List<PipeHandles> pipes = new ArrayList<>(3);
    try {
      PipeHandles in = options.stdin().isStream() ? newPipe(loop, pipes) : null;
      PipeHandles out = options.stdout().isStream() ? newPipe(loop, pipes) : null;
      PipeHandles err = options.stderr().isStream() ? newPipe(loop, pipes) : null;
      Process process;
      try {
        process = pb.start();
      } catch (IOException e) {
        throw new IOException(startFailure(cmd, options, e), e);
      }
      Subprocess s;
      try {
        s = new Subprocess(loop, cmd, process, options, in, out, err);
        s.begin();
      } catch (RuntimeException | Error e) {
        process.destroyForcibly();
        throw e;
      }
      log.debug("Started {} as pid {}", s.display(), process.pid());
      return s;
    } catch (IOException | RuntimeException | Error e) {
      for (PipeHandles p : pipes) {
        try {
          p.close();
        } catch (IOException suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw e;
    }
  }

  private static PipeHandles newPipe(IOLoop loop, List<PipeHandles> pipes) throws IOException {
    PipeHandles p = loop.transport().pipe();
    pipes.add(p);
    return p;
  }

  private static ProcessBuilder builder(List<String> cmd, SubprocessOptions options) {
    ProcessBuilder pb = new ProcessBuilder(cmd);
    if (options.directory() != null) {
      pb.directory(options.directory().toFile());
    }
    Map<String, String> env = pb.environment();
    if (!options.inheritsEnvironment()) {
      env.clear();
    }
    options.environment().forEach((k, v) -> {
      if (v == null) {
        env.remove(k);
      } else {
        env.put(k, v);
      }
    });
    pb.redirectInput(options.stdin().redirect("stdin", true));
    pb.redirectOutput(options.stdout().redirect("stdout", false));
    if (options.stderr().kind() == Stdio.Kind.TO_STDOUT) {
      pb.redirectErrorStream(true);
    } else {
      pb.redirectError(options.stderr().redirect("stderr", false));
    }
    return pb;
  }

  /** "cannot start 'prog' [in directory 'dir']: reason", from the JDK's words. */
  private static String startFailure(List<String> cmd, SubprocessOptions options, IOException e) {
    String reason = e.getCause() != null && e.getCause().getMessage() != null
        ? e.getCause().getMessage() : String.valueOf(e.getMessage());
    reason = reason.replaceFirst("^error=\\d+, ", "");
    return "cannot start '" + cmd.get(0) + "'"
        + (options.directory() == null ? "" : " in directory '" + options.directory() + "'")
        + ": " + reason;
  }

  /** Starts the pumps, the timer and the watch for the exit. */
  private void begin() {
    for (StdioPump p : pumps) {
      p.start();
    }
    if (timeout != null) {
      timer = loop.callLater(timeout, this::onTimeout);
    }
    process.onExit().whenComplete((p, t) -> processExited());
  }

  // ------------------------------------------------------------------------------- accessors

  /** The program and its arguments. Any thread. */
  public List<String> command() {
    return command;
  }

  /** The process id. Any thread. */
  public long pid() {
    return process.pid();
  }

  /** The stream that writes to the child's stdin, or null if stdin is not a stream. */
  public PipeIOStream stdin() {
    return stdin;
  }

  /** The stream that reads the child's stdout, or null if stdout is not a stream. */
  public PipeIOStream stdout() {
    return stdout;
  }

  /** The stream that reads the child's stderr, or null if stderr is not a stream. */
  public PipeIOStream stderr() {
    return stderr;
  }

  // ------------------------------------------------------------------------------------- exit

  /**
   * Completes on the loop's thread with the exit code (128 + n for a death by signal n) once the
   * process has exited and its stdio threads are done (see the class comment); fails with a
   * {@link TimeoutException} if the process was killed for running past its timeout. The same
   * future on every call: do not complete it yourself.
   */
  public CompletableFuture<Integer> exitFuture() {
    return exitFuture;
  }

  /**
   * Runs {@code callback} with the exit code on the loop's thread when the process has exited
   * (when {@link #exitFuture()} completes, just before it; after a timeout too, with the code of
   * the kill). Set after the exit, it runs in the next loop iteration. Replaces an earlier one;
   * null removes it. An exception it throws is logged. Loop thread.
   */
  public void setExitCallback(IntConsumer callback) {
    if (delivered && callback != null) {
      int code = exitCode;
      loop.addCallback(() -> callback.accept(code));
      return;
    }
    exitCallback = callback;
  }

  /**
   * Tornado's {@code wait_for_exit}: a future of the exit code, completed on the loop's thread as
   * {@link #exitFuture()}. With {@code raiseError}, a code other than 0 fails it with a {@link
   * CalledProcessException} naming the command and the code. A timeout fails it with the {@link
   * TimeoutException} either way. Loop thread.
   */
  public CompletableFuture<Integer> waitForExit(boolean raiseError) {
    CompletableFuture<Integer> result = new CompletableFuture<>();
    exitFuture.whenComplete((code, t) -> {
      if (t != null) {
        result.completeExceptionally(t);
      } else if (raiseError && code != 0) {
        result.completeExceptionally(new CalledProcessException(command, code));
      } else {
        result.complete(code);
      }
    });
    return result;
  }

  /** {@link #waitForExit(boolean) waitForExit(true)}, Tornado's default. */
  public CompletableFuture<Integer> waitForExit() {
    return waitForExit(true);
  }

  /** Kills the process (SIGKILL). Does nothing once it has exited. Any thread. */
  public void kill() {
    process.destroyForcibly();
  }

  /** Asks the process to terminate (SIGTERM). Does nothing once it has exited. Any thread. */
  public void terminate() {
    process.destroy();
  }

  /** The JDK's thread: the process exited. */
  private void processExited() {
    int code;
    try {
      code = process.exitValue();
    } catch (IllegalThreadStateException e) {
      log.error("{} reported as exited but has no exit code", display(), e);
      code = -1;
    }
    exited = true;
    if (inputPump != null) {
      inputPump.processExited();
    }
    int c = code;
    loop.addCallback(() -> onExit(c));
  }

  /** A pump's thread, as it ends or waits for the loop: tell the loop, if the exit waits. */
  private void pumpQuiet() {
    if (exited && !delivered) {
      loop.addCallback(this::checkExit);
    }
  }

  private void onExit(int code) {
    exitSeen = true;
    exitCode = code;
    if (timer != null) {
      timer.cancel();
      timer = null;
    }
    checkExit();
  }

  /**
   * Loop thread: delivers the exit once the process has exited and every pump is quiet: ended,
   * or (stdout, stderr) waiting for its stream to read what is left. Those end when the stream
   * reads to the end or is closed (which joins them); the others are joined here.
   */
  private void checkExit() {
    if (!exitSeen || delivered) {
      return;
    }
    for (StdioPump p : pumps) {
      if (!p.quiet()) {
        return;
      }
    }
    for (StdioPump p : pumps) {
      if (p.finished()) {
        p.join();
      }
    }
    delivered = true;
    log.debug("{} (pid {}) exited with code {}", display(), process.pid(), exitCode);
    IntConsumer cb = exitCallback;
    exitCallback = null;
    if (cb != null) {
      try {
        cb.accept(exitCode);
      } catch (RuntimeException e) {
        log.error("Exception in the exit callback of {}", this, e);
      }
    }
    if (timedOut) {
      exitFuture.completeExceptionally(new TimeoutException("Command '" + display()
          + "' killed after " + seconds(timeout) + " s"));
    } else {
      exitFuture.complete(exitCode);
    }
  }

  private void onTimeout() {
    timer = null;
    if (exited) {
      return;
    }
    timedOut = true;
    log.info("{} (pid {}) still running after {} s: killing it", display(), process.pid(),
        seconds(timeout));
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }

  private static String seconds(Duration d) {
    return BigDecimal.valueOf(d.getSeconds()).add(BigDecimal.valueOf(d.getNano(), 9))
        .stripTrailingZeros().toPlainString();
  }

  private String display() {
    return CalledProcessException.display(command);
  }

  @Override
  public String toString() {
    return "Subprocess[pid " + process.pid() + ", " + display()
        + (delivered ? ", exited with " + exitCode : "") + "]";
  }
}
