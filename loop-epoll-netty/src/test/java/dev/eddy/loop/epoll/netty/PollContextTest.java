package dev.eddy.loop.epoll.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The Eddy timeout as Netty's IoHandlerContext: blocking, deadline and delay. */
class PollContextTest {

  private final AtomicBoolean wakeup = new AtomicBoolean();
  private final PollContext context = new PollContext(wakeup::get);

  @Test
  void zeroNeverBlocks() {
    context.reset(0);
    assertFalse(context.canBlock());
  }

  @Test
  void negativeWaitsForeverWhichNettyCallsMinusOne() {
    context.reset(-1);
    assertTrue(context.canBlock());
    assertEquals(-1, context.deadlineNanos());
    context.reset(Long.MIN_VALUE);
    assertEquals(-1, context.deadlineNanos());
  }

  @Test
  void positiveIsADeadlineAndWhatIsLeftOfIt() {
    long before = System.nanoTime();
    context.reset(50_000_000L);
    long after = System.nanoTime();
    assertTrue(context.canBlock());
    long deadline = context.deadlineNanos();
    assertTrue(deadline - before >= 50_000_000L && deadline - after <= 50_000_000L);
    assertEquals(20_000_000L, context.delayNanos(deadline - 20_000_000L));
  }

  @Test
  void theDelayIsNeverZeroWhichNettyTakesForDisarmTheTimerAndWaitForever() {
    context.reset(1);
    long deadline = context.deadlineNanos();
    assertEquals(1, context.delayNanos(deadline));
    assertEquals(1, context.delayNanos(deadline + 1_000_000_000L), "past the deadline");
  }

  @Test
  void aPendingWakeupForbidsBlockingEachTimeItIsAsked() {
    context.reset(-1);
    assertTrue(context.canBlock());
    wakeup.set(true);
    assertFalse(context.canBlock(), "asked again after a wake-up came in");
  }

  @Test
  void hugeTimeoutsAreBoundedAndDeadlinesNeverLookLikeForever() {
    assertEquals(PollContext.MAX_DELAY_NANOS, PollContext.deadline(0, Long.MAX_VALUE));
    assertEquals(-2, PollContext.deadline(-11, 10), "-1 would mean no deadline");
    long d = PollContext.deadline(Long.MAX_VALUE - 10, 10);
    assertNotEquals(Long.MAX_VALUE, d, "Long.MAX_VALUE is Netty's NONE");
    long wrapped = PollContext.deadline(Long.MAX_VALUE - 5, 10);
    assertEquals(10, wrapped - (Long.MAX_VALUE - 5), "a wrapped deadline still differs right");
  }
}
