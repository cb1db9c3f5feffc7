package dev.eddy.loop.spi;

import org.slf4j.Logger;

/**
 * The count and the log of the connections one listener sheds while the process is out of
 * descriptors, worded the same on every backend.
 *
 * <p>A listener that cannot accept for want of descriptors ({@code EMFILE}, {@code ENFILE}) stays
 * readable, and a level-triggered loop would spin on it. Each backend's {@link
 * ServerSocketHandle#accept()} then sheds: it accepts the pending connection into a spare
 * descriptor it keeps for that, closes it at once and returns null. It records each connection so
 * closed with {@link #dropped()} and each shedding {@link #report}, which logs at WARN at most
 * once a second: a flood of connections makes one line a second, not one per connection.
 *
 * <p>Create it with the listener, while the process still has descriptors: a class loaded for the
 * first time once there are none may not be readable. Not thread-safe: it belongs to its
 * listener, used by one thread at a time. Never throws.
 */
public final class SheddingLog {

  private static final long INTERVAL_NANOS = 1_000_000_000L;

  private final Logger log;
  private long dropped;
  private long lastLog;

  /** @param log the listener's logger, which the reports go to */
  public SheddingLog(Logger log) {
    this.log = log;
    this.lastLog = System.nanoTime() - INTERVAL_NANOS;
  }

  /** Counts one pending connection accepted and closed at once. */
  public void dropped() {
    dropped++;
  }

  /**
   * Logs {@code "<listener>: <call> failed: <reason>; dropped <n> connection(s) so far to keep
   * serving"} at WARN, unless it logged less than a second ago.
   *
   * @param listener the shedding listener, as its {@code toString} names it
   * @param call the call that failed: {@code "accept4(..)"}, {@code "accept"}
   * @param reason why: {@code "Too many open files (EMFILE)"}
   */
  public void report(Object listener, String call, String reason) {
    long now = System.nanoTime();
    if (now - lastLog >= INTERVAL_NANOS) {
      lastLog = now;
      log.warn("{}: {} failed: {}; dropped {} connection(s) so far to keep serving", listener,
          call, reason, dropped);
    }
  }
}
