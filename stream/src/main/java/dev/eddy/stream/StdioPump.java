package dev.eddy.stream;

import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A thread that moves bytes between one of a child process's standard streams, which the JDK
 * gives as blocking Java streams, and a non-blocking pipe of the loop's backend, whose other end
 * is the {@link PipeIOStream} the application uses. The pipe is the hand-off buffer: when it is
 * full (or empty) the pump parks until the stream makes progress ({@link #progressed()}), so a slow
 * reader holds the child back, as with a direct pipe.
 *
 * <p>States, published for the loop's thread: running, blocked in the child's stream (where
 * nothing but the child can wake it), parked (waiting for the loop), finished. The thread is a
 * daemon; it ends at the end of the child's stream, when the stream is closed, or when the
 * process exits. It calls {@code onQuiet} when it has finished, and when it starts waiting for the
 * loop with no work but the hand-over ({@link #quiet()}), so that the process's exit can be
 * reported once all its pumps are quiet.
 */
abstract class StdioPump implements PipePeer, Runnable {

  private static final Logger log = LoggerFactory.getLogger(StdioPump.class);

  /** The most moved per system call, and the pump's own buffer. */
  static final int CHUNK = 64 * 1024;
  /** How long the loop's thread waits for a pump that was not blocked on the child to end. */
  private static final long JOIN_MILLIS = 5_000;
  private static final long PARK_NANOS = 1_000_000_000L;

  static final int RUNNING = 0;
  static final int BLOCKED = 1;
  static final int PARKED = 2;
  static final int FINISHED = 3;

  private final Thread thread;
  private final Runnable onQuiet;
  private volatile int state = RUNNING;

  StdioPump(String threadName, Runnable onQuiet) {
    this.onQuiet = onQuiet;
    this.thread = new Thread(this, threadName);
    thread.setDaemon(true);
  }

  final void start() {
    thread.start();
  }

  @Override
  public final void run() {
    try {
      pump();
    } catch (RuntimeException e) {
      log.error("{} failed", thread.getName(), e);
    } finally {
      try {
        release();
      } finally {
        state = FINISHED;
        onQuiet.run();
      }
    }
  }

  /** Moves the bytes until the end; returns to finish. Pump thread. */
  abstract void pump();

  /** Closes the child's stream and the pump's end of the pipe. Pump thread. */
  abstract void release();

  /** Publishes the state; {@link #BLOCKED} before a call into the child's stream. Pump thread. */
  final void state(int s) {
    state = s;
  }

  /**
   * Parks until woken, spuriously, or after a second; the caller published {@link #PARKED} and
   * re-checked, and checks again after. The time limit covers a stream whose handle was closed
   * without the stream knowing (its loop closed with its handles): the pump then finds the pipe
   * broken within a second and ends.
   */
  final void park() {
    LockSupport.parkNanos(this, PARK_NANOS);
  }

  /** Wakes the pump if it is parked (or makes its next park return). Any thread. */
  final void wake() {
    LockSupport.unpark(thread);
  }

  @Override
  public void progressed() {
    if (state == PARKED) {
      wake();
    }
  }

  /** Tells the owner that the pump may be quiet now. Pump thread. */
  final void notifyQuiet() {
    onQuiet.run();
  }

  /**
   * True once the pump has nothing left to do on its own: finished, or (for output) waiting for
   * the stream to read. Any thread.
   */
  abstract boolean quiet();

  final boolean finished() {
    return state == FINISHED;
  }

  final boolean parked() {
    return state == PARKED;
  }

  final boolean blocked() {
    return state == BLOCKED;
  }

  /** Waits for the thread to end (it has finished, or is about to without blocking). */
  final void join() {
    if (Thread.currentThread() == thread) {
      return;
    }
    boolean interrupted = false;
    long deadline = System.nanoTime() + JOIN_MILLIS * 1_000_000L;
    while (thread.isAlive()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        log.warn("{} did not end within {} ms", thread.getName(), JOIN_MILLIS);
        break;
      }
      try {
        thread.join(Math.max(1, left / 1_000_000L));
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  final String name() {
    return thread.getName();
  }

  @Override
  public String toString() {
    return name();
  }
}
