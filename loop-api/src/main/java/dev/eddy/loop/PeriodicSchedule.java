package dev.eddy.loop;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * The arithmetic of {@link PeriodicCallback}, exactly Tornado's {@code
 * PeriodicCallback._update_next}: runs are measured start to start; a run that overruns skips
 * whole periods to get back on the original grid; a clock that went backwards schedules one
 * period on (instead of computing the same deadline again); jitter multiplies each period by
 * {@code 1 + jitter * (random - 0.5)}.
 *
 * <p>Times are nanoseconds on any monotonic clock. Not thread-safe; a value holder with no I/O,
 * public so that its vectors can be checked in isolation.
 */
public final class PeriodicSchedule {

  private final long periodNanos;
  private final double jitter;
  private final DoubleSupplier random;
  private long next;

  /**
   * @param period the period, positive
   * @param jitter the jitter fraction, 0 for none; 0.1 spreads runs by ±5 %
   * @param random the source of uniform values in [0, 1) for the jitter
   * @throws IllegalArgumentException if the period is not positive or the jitter is negative
   */
  public PeriodicSchedule(Duration period, double jitter, DoubleSupplier random) {
    if (period.isNegative() || period.isZero()) {
      throw new IllegalArgumentException("period must be positive: " + period);
    }
    if (!(jitter >= 0)) {
      throw new IllegalArgumentException("jitter must be 0 or more: " + jitter);
    }
    this.periodNanos = period.toNanos();
    this.jitter = jitter;
    this.random = random;
  }

  /** With {@link ThreadLocalRandom} as the source of jitter. */
  public PeriodicSchedule(Duration period, double jitter) {
    this(period, jitter, () -> ThreadLocalRandom.current().nextDouble());
  }

  /** Sets the next deadline; {@code start} calls it with the current time. */
  public void reset(long nextDeadline) {
    this.next = nextDeadline;
  }

  /** The next deadline computed so far. */
  public long next() {
    return next;
  }

  /**
   * Advances the deadline past {@code now}, as after a run that ended (or before the first run
   * that starts) at {@code now}.
   *
   * @return the new deadline
   */
  public long advance(long now) {
    double period = periodNanos;
    if (jitter != 0) {
      period *= 1 + jitter * (random.getAsDouble() - 0.5);
    }
    if (next - now <= 0) {
      long behind = now - next;
      next += (long) ((Math.floor(behind / period) + 1) * period);
    } else {
      // The clock went backwards (or the run was early): move on by one period rather than
      // computing the same deadline again. A small NTP-like step is thus simply absorbed.
      next += (long) period;
    }
    return next;
  }
}
