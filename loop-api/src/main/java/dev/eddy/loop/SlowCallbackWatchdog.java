package dev.eddy.loop;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples one loop's running task every quarter threshold and reports a task that has held the
 * loop for longer than the threshold, once per task, with the loop thread's stack (the role of
 * Tornado 4's blocking-log {@code SIGALRM}, or Vert.x's blocked-thread checker).
 *
 * <p>The loop publishes the start of each task in {@link #taskStarted}; this thread only reads.
 * It runs from {@link IOLoop#start()} until the loop stops, and only while a threshold is set.
 */
final class SlowCallbackWatchdog implements Runnable {

  private static final Logger log = LoggerFactory.getLogger(SlowCallbackWatchdog.class);

  /** Logs a warning with the stack; the listener used unless one is set. */
  static final SlowCallbackListener LOGGING = (loop, blockedFor, task, stack) -> {
    Throwable where = new Throwable("loop thread stack");
    where.setStackTrace(stack);
    log.warn("IOLoop blocked for {} ms in {}", blockedFor.toMillis(), task, where);
  };

  private final IOLoop loop;
  private final Thread loopThread;
  private final long thresholdNanos;
  private final SlowCallbackListener listener;
  private final Thread thread;
  private volatile boolean stopped;

  /** Start time of the running task, 0 while the loop polls or is idle. Written by the loop. */
  volatile long taskStarted;
  /** The running task. Written by the loop before {@link #taskStarted}. */
  volatile Object task;

  SlowCallbackWatchdog(IOLoop loop, Thread loopThread, long thresholdNanos,
      SlowCallbackListener listener) {
    this.loop = loop;
    this.loopThread = loopThread;
    this.thresholdNanos = thresholdNanos;
    this.listener = listener;
    this.thread = new Thread(this, "eddy-slow-callback-watchdog-" + loopThread.getName());
    thread.setDaemon(true);
  }

  long thresholdNanos() {
    return thresholdNanos;
  }

  void start() {
    thread.start();
  }

  void stop() {
    stopped = true;
    LockSupport.unpark(thread);
    boolean interrupted = false;
    while (thread.isAlive()) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void run() {
    long period = Math.max(thresholdNanos / 4, 1_000_000L);
    long reported = 0;
    while (!stopped) {
      LockSupport.parkNanos(this, period);
      long started = taskStarted;
      if (started == 0 || started == reported) {
        continue;
      }
      long blocked = System.nanoTime() - started;
      if (blocked >= thresholdNanos) {
        Object current = task;
        StackTraceElement[] stack = loopThread.getStackTrace();
        if (taskStarted != started) {
          continue; // the task ended while we looked: its stack would be the wrong one
        }
        reported = started;
        try {
          listener.onSlowCallback(loop, Duration.ofNanos(blocked), current, stack);
        } catch (RuntimeException | Error e) {
          log.error("Slow-callback listener failed", e);
        }
      }
    }
  }
}
