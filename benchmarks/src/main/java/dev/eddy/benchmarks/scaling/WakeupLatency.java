package dev.eddy.benchmarks.scaling;

import dev.eddy.loop.spi.PollEvents;
import dev.eddy.loop.spi.Poller;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.locks.LockSupport;

/**
 * Wake-up latency: the time from a {@link Poller#wakeup()} call on another thread to the return
 * of the {@code poll(timeout)} it interrupts, with every registration idle.
 *
 * <p>One round: the polling thread publishes the round (and unparks the waker) and polls with a
 * one-second timeout. The waker waits until the poller is blocked in the kernel: on Linux until
 * its {@link SleepProbe} says it sleeps (after at least {@link #MIN_DELAY_NANOS}), elsewhere for
 * the fixed delay it was given. Then it reads the clock and calls {@code wakeup()}; the polling
 * thread reads the clock as soon as poll returns. A poll that returned before the wake-up was
 * sent (which a blocking poll with nothing ready should not do) gives no sample, and the pending
 * wake-up is consumed so that the rounds stay in step. Nobody spins for long: on a two-core
 * machine a spinning waker would steal the core the poller needs.
 */
final class WakeupLatency {

  private static final long TIMEOUT_NANOS = 1_000_000_000L;
  private static final long MIN_DELAY_NANOS = 20_000;
  private static final long PROBE_INTERVAL_NANOS = 20_000;
  /** After this long without seeing the poller asleep, the waker wakes it anyway. */
  private static final long PROBE_LIMIT_NANOS = 200_000_000L;

  /** The round the poller is about to poll for; the waker waits for it. */
  private volatile int armed = -1;
  /** When the wake-up of round {@link #delivered} was called. */
  private volatile long sentAt;
  /** The last round whose {@code wakeup()} has returned. */
  private volatile int delivered = -1;
  private volatile boolean done;
  private volatile Throwable wakerFailure;
  private int early;

  private final Poller poller;
  private final SleepProbe probe;
  private final long fallbackDelayNanos;

  private WakeupLatency(Poller poller, SleepProbe probe, long fallbackDelayNanos) {
    this.poller = poller;
    this.probe = probe;
    this.fallbackDelayNanos = fallbackDelayNanos;
  }

  /**
   * Measures until the budget is spent. Call it on the thread that polls.
   *
   * @param poller a poller whose registrations are all idle
   * @param fallbackDelayNanos where threads cannot be probed: how long the waker waits after the
   *     poller has published a round, long enough for it to be blocked
   * @return the distribution of the latency, in nanoseconds
   * @throws IllegalStateException if a poll returns an event (nothing registered may be ready),
   *     or polls keep returning before their wake-up
   * @throws IOException if a poll fails, or the probe cannot be read
   */
  static Stats measure(Poller poller, Settings.Budget budget, long fallbackDelayNanos)
      throws IOException, InterruptedException {
    try (SleepProbe probe = SleepProbe.forCurrentThread()) {
      WakeupLatency run = new WakeupLatency(poller, probe, fallbackDelayNanos);
      Thread waker = new Thread(run::wakeRounds, "scaling-waker");
      waker.setDaemon(true);
      waker.start();
      try {
        return run.pollRounds(budget, waker);
      } finally {
        run.done = true;
        LockSupport.unpark(waker);
        waker.join();
      }
    }
  }

  private Stats pollRounds(Settings.Budget budget, Thread waker) throws IOException {
    PollEvents events = new PollEvents(64);
    long[] samples = new long[budget.maxSamples()];
    int kept = 0;
    long measureFrom = System.nanoTime() + budget.warmupNanos();
    long end = measureFrom + budget.measureNanos();
    for (int round = 0; ; round++) {
      armed = round;
      LockSupport.unpark(waker);
      int n = poller.poll(TIMEOUT_NANOS, events);
      long returned = System.nanoTime();
      if (n != 0) {
        throw new IllegalStateException("expected no event with every registration idle, got "
            + n + ", first on " + events.key(0).handle());
      }
      awaitDelivered(round);
      long latency = returned - sentAt;
      if (latency < 0) {
        if (++early > 1_000) {
          throw new IllegalStateException("poll returned before its wake-up " + early + " times");
        }
        poller.poll(0, events); // consume the wake-up that came after the return
      } else if (returned >= measureFrom) {
        samples[kept++] = latency;
        if (kept == samples.length || returned >= end) {
          return Stats.of(samples, kept);
        }
      }
    }
  }

  /** Waits until the waker's {@code wakeup()} of this round has returned. */
  private void awaitDelivered(int round) {
    for (int spins = 0; delivered < round; spins++) {
      if (wakerFailure != null) {
        throw new IllegalStateException("the waker thread failed", wakerFailure);
      }
      if (spins < 1_000) {
        Thread.onSpinWait();
      } else {
        Thread.yield();
      }
    }
  }

  private void wakeRounds() {
    try {
      for (int round = 0; ; round++) {
        while (armed < round) {
          if (done) {
            return;
          }
          LockSupport.park(this);
        }
        if (done) {
          return;
        }
        awaitBlocked();
        sentAt = System.nanoTime();
        poller.wakeup();
        delivered = round;
      }
    } catch (IOException e) {
      wakerFailure = new UncheckedIOException(e);
    } catch (RuntimeException | Error e) {
      wakerFailure = e;
    }
  }

  /** Waits until the poller is (very likely) blocked in the kernel. */
  private void awaitBlocked() throws IOException {
    if (probe == null) {
      LockSupport.parkNanos(fallbackDelayNanos);
      return;
    }
    LockSupport.parkNanos(MIN_DELAY_NANOS);
    long limit = System.nanoTime() + PROBE_LIMIT_NANOS;
    while (!probe.sleeping() && System.nanoTime() < limit && !done) {
      LockSupport.parkNanos(PROBE_INTERVAL_NANOS);
    }
  }
}
