package dev.eddy.benchmarks.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Starts the run's child processes and makes sure none outlives it: {@link #stop} ends a
 * process and its descendants (SIGTERM, then SIGKILL after a grace period) and waits for them;
 * {@link #close} — and a shutdown hook, for Ctrl-C — stops whatever is still alive.
 */
public final class ProcessRunner implements AutoCloseable {

  private static final Duration GRACE = Duration.ofSeconds(5);

  private final List<Process> live = new CopyOnWriteArrayList<>();
  private volatile boolean closing;
  private final List<Runnable> cleanups = new CopyOnWriteArrayList<>();
  private final Thread hook = new Thread(this::onExit, "versus-stop-children");

  public ProcessRunner() {
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /** Starts {@code command} with standard output and error appended to {@code log}. */
  public Process start(List<String> command, Path log) throws IOException {
    return track(new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start());
  }

  /**
   * Runs {@code command} to its end and returns its standard output and error; one that runs
   * past {@code limit} is killed and is an {@link IOException}.
   */
  public String run(List<String> command, Duration limit)
      throws IOException, InterruptedException {
    Process p = track(new ProcessBuilder(command).redirectErrorStream(true).start());
    try {
      p.getOutputStream().close();
      InputStream output = p.getInputStream();
      CompletableFuture<String> pump = CompletableFuture.supplyAsync(() -> {
        try {
          return new String(output.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
          return "(output lost: " + e.getMessage() + ")";
        }
      });
      if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IOException(command.get(0) + " ran past " + limit.toSeconds() + " s");
      }
      return pump.get(GRACE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IOException(command.get(0) + ": output not read: " + e, e);
    } finally {
      stop(p);
    }
  }

  /** Whether the JVM is exiting (Ctrl-C, SIGTERM): start nothing more. */
  boolean closing() {
    return closing;
  }

  /** Adds {@code p} to the live children; one started while the JVM exits is stopped at once. */
  private Process track(Process p) throws IOException {
    live.add(p);
    if (closing) {
      stop(p);
      throw new IOException("not started: the runner is shutting down");
    }
    return p;
  }

  /**
   * Ends {@code p} and every descendant (the parent first: Tornado's supervisor would restart a
   * child that dies before it), and waits for them all. A descendant left a zombie by a parent
   * that is gone counts as ended.
   */
  public void stop(Process p) {
    List<ProcessHandle> tree = new ArrayList<>(p.descendants().toList());
    tree.add(0, p.toHandle());
    tree.forEach(ProcessHandle::destroy);
    for (ProcessHandle h : tree) {
      if (!awaitExit(h)) {
        h.destroyForcibly();
        if (!awaitExit(h)) {
          System.err.println("versus: process " + h.pid() + " did not end after SIGKILL");
        }
      }
    }
    live.remove(p);
  }

  private static boolean awaitExit(ProcessHandle h) {
    long deadline = System.nanoTime() + GRACE.toNanos();
    while (h.isAlive() && !ProcCpu.isZombie(h.pid())) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      try {
        h.onExit().get(50, TimeUnit.MILLISECONDS);
      } catch (TimeoutException | ExecutionException e) {
        // still running: look again
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }

  /** Runs {@code cleanup} after the children are stopped if the JVM exits (Ctrl-C) first. */
  void onInterrupt(Runnable cleanup) {
    cleanups.add(cleanup);
  }

  private void onExit() {
    closing = true;
    stopAll();
    cleanups.forEach(Runnable::run);
  }

  private void stopAll() {
    for (Process p : live) {
      stop(p);
    }
  }

  /** Stops every child still alive and removes the shutdown hook. */
  @Override
  public void close() {
    stopAll();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // the JVM is already shutting down: the hook runs anyway
    }
  }
}
