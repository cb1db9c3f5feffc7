package dev.eddy.loop;

import java.util.ArrayDeque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Completes waiters' futures one after another instead of one inside another.
 *
 * <p>Completing a {@code CompletableFuture} runs its dependent stages inside the call. When such a
 * stage releases a lock whose next waiter's stage releases it again, and so on, every hand-over
 * nests inside the previous one; with a few hundred waiters the thread's stack overflows, and
 * since {@code CompletableFuture} turns the {@code StackOverflowError} into a failed dependent, the
 * chain stops silently with the lock held for ever. Here a completion requested while another is
 * being delivered on the same thread is queued and delivered when that one returns, so the depth
 * stays constant. A completion requested from anywhere else is delivered at once, before the
 * requesting call returns.
 *
 * <p>Used by the loop-affine primitives ({@code dev.eddy.loop.sync}) and the streams, whose
 * futures complete on the loop thread and whose users chain the next operation in the dependent
 * stage of the previous one: a chain of thousands of reads satisfied from buffered data runs at
 * constant stack depth.
 *
 * <p>Threading: per thread, because the futures it completes are loop-affine: the loop's thread
 * is the only one that delivers. Errors: a completion that throws is logged and the queue goes
 * on; {@code CompletableFuture} captures what dependents throw, so that means a bug.
 */
public final class Trampoline {

  private static final Logger log = LoggerFactory.getLogger(Trampoline.class);
  private static final ThreadLocal<Trampoline> PER_THREAD =
      ThreadLocal.withInitial(Trampoline::new);

  private final ArrayDeque<Runnable> queued = new ArrayDeque<>();
  private boolean delivering;

  private Trampoline() {
  }

  /** Runs {@code completion} now, or after the delivery under way on this thread. */
  public static void deliver(Runnable completion) {
    Trampoline t = PER_THREAD.get();
    t.queued.addLast(completion);
    if (t.delivering) {
      return;
    }
    t.delivering = true;
    try {
      Runnable next;
      while ((next = t.queued.pollFirst()) != null) {
        try {
          next.run();
        } catch (Throwable unexpected) {
          // CompletableFuture captures what dependents throw, so this is a bug; the waiters queued
          // behind it must still be completed.
          log.error("Unexpected failure completing a waiter's future", unexpected);
        }
      }
    } finally {
      t.delivering = false;
    }
  }
}
