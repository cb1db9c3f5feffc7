package dev.eddy.loop.epoll.netty;

import io.netty.channel.IoHandlerContext;
import java.util.function.BooleanSupplier;

/**
 * The timeout of one {@code poll}, as Netty's {@code EpollIoHandler.run} asks for it.
 *
 * <ul>
 *   <li>Timeout 0: {@link #canBlock()} is false, so the handler does {@code epoll_wait(0)}. The
 *       clock is not read.</li>
 *   <li>Negative: {@link #deadlineNanos()} is -1, Netty's "nothing scheduled": wait until an
 *       event or a wake-up.</li>
 *   <li>Positive: the deadline is {@code System.nanoTime()} at the start plus the timeout, and
 *       {@link #delayNanos} what is left of it. The handler uses the deadline only to tell
 *       whether its timer is still armed for the same point in time.</li>
 * </ul>
 *
 * {@link #canBlock()} is also false while a wake-up is pending. The handler asks it a second time
 * after it has published that it is about to block, which is what makes a wake-up racing with the
 * start of a wait safe (see {@link NettyPoller}). Reused for every poll of one poller; used on
 * the polling thread only.
 */
final class PollContext implements IoHandlerContext {

  /**
   * The longest wait handed to Netty. Without {@code epoll_pwait2} its native code turns seconds
   * into an {@code int} of milliseconds, which overflows past about 24.8 days; a longer timeout
   * becomes this one, an early (spurious) return the SPI allows.
   */
  static final long MAX_DELAY_NANOS = 2_000_000L * 1_000_000_000L;

  private final BooleanSupplier wakeupPending;
  private boolean mayBlock;
  private long deadline;

  /** @param wakeupPending true while a wake-up waits to be consumed by a poll */
  PollContext(BooleanSupplier wakeupPending) {
    this.wakeupPending = wakeupPending;
  }

  /** Sets the timeout of the next {@code run}: 0 never blocks, negative waits forever. */
  void reset(long timeoutNanos) {
    mayBlock = timeoutNanos != 0;
    if (timeoutNanos < 0) {
      deadline = -1;
    } else if (timeoutNanos > 0) {
      deadline = deadline(System.nanoTime(), timeoutNanos);
    }
  }

  /**
   * {@code now + timeout}, bounded by {@link #MAX_DELAY_NANOS}. The sum may wrap, as {@code
   * nanoTime} values do; differences stay right. Never -1 nor {@code Long.MAX_VALUE}, which the
   * handler reads as "forever": such a deadline moves 1 ns earlier.
   */
  static long deadline(long now, long timeoutNanos) {
    long d = now + Math.min(timeoutNanos, MAX_DELAY_NANOS);
    return d == -1 || d == Long.MAX_VALUE ? d - 1 : d;
  }

  @Override
  public boolean canBlock() {
    return mayBlock && !wakeupPending.getAsBoolean();
  }

  /**
   * What is left until the deadline, at least 1 ns: Netty's native code takes a zero delay for
   * "disarm the timer" and would then wait forever.
   */
  @Override
  public long delayNanos(long currentTimeNanos) {
    return Math.max(1, deadline - currentTimeNanos);
  }

  @Override
  public long deadlineNanos() {
    return deadline;
  }
}
