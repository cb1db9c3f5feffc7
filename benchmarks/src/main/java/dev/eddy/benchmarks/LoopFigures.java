package dev.eddy.benchmarks;

import dev.eddy.loop.IOLoop;
import dev.eddy.loop.Timeout;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Three figures of the bare loop, on the backend {@code -Deddy.poller} (or the default) picks:
 *
 * <ol>
 *   <li>cross-thread {@code addCallback} throughput: one producer thread queues callbacks onto a
 *       running loop as fast as it can;</li>
 *   <li>timers scheduled and cancelled per second, on the loop's thread;</li>
 *   <li>wake-up latency: from {@code addCallback} on another thread to the callback running on a
 *       loop that was blocked in poll.</li>
 * </ol>
 *
 * Each is measured over several rounds after warm-up rounds; the median and best are printed.
 * Run: {@code java -jar benchmarks/target/eddy-benchmarks.jar [rounds]}. A measurement, not a
 * test: nothing here asserts a speed.
 */
public final class LoopFigures {

  private static final int CALLBACKS = 5_000_000;
  private static final int TIMERS = 1_000_000;
  private static final int WAKEUPS = 20_000;

  private LoopFigures() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    IOLoop loop = IOLoop.create();
    Thread loopThread = new Thread(loop::start, "bench-loop");
    loopThread.start();
    try {
      System.out.printf("Eddy loop figures on poller '%s', %d rounds (+2 warm-up), JDK %s, %d cores%n",
          loop.pollerName(), rounds, Runtime.version(), Runtime.getRuntime().availableProcessors());
      report("cross-thread addCallback", "M callbacks/s", rounds,
          () -> CALLBACKS / (crossThreadCallbacks(loop) / 1e9) / 1e6);
      report("timers scheduled+cancelled", "M timers/s", rounds,
          () -> TIMERS / (timersScheduledAndCancelled(loop) / 1e9) / 1e6);
      double[] latency = wakeupLatencies(loop);
      System.out.printf("%-30s median %.1f µs, p90 %.1f µs, p99 %.1f µs (%d wake-ups)%n",
          "poll wake-up latency", pct(latency, 50), pct(latency, 90), pct(latency, 99), WAKEUPS);
    } finally {
      loop.stop();
      loopThread.join();
      loop.close(true);
    }
  }

  interface Measure {
    double run() throws Exception;
  }

  private static void report(String name, String unit, int rounds, Measure m) throws Exception {
    m.run();
    m.run();
    double[] values = new double[rounds];
    for (int i = 0; i < rounds; i++) {
      values[i] = m.run();
    }
    Arrays.sort(values);
    System.out.printf("%-30s median %.2f %s, best %.2f, worst %.2f%n", name,
        values[rounds / 2], unit, values[rounds - 1], values[0]);
  }

  /** Nanoseconds for one producer thread to get CALLBACKS callbacks run on the loop. */
  private static long crossThreadCallbacks(IOLoop loop) throws InterruptedException {
    CountDownLatch done = new CountDownLatch(1);
    int[] count = new int[1]; // touched only on the loop thread
    Runnable increment = () -> {
      if (++count[0] == CALLBACKS) {
        done.countDown();
      }
    };
    long t0 = System.nanoTime();
    for (int i = 0; i < CALLBACKS; i++) {
      loop.addCallback(increment);
    }
    if (!done.await(120, TimeUnit.SECONDS)) {
      throw new IllegalStateException("callbacks did not all run");
    }
    return System.nanoTime() - t0;
  }

  /** Nanoseconds to schedule TIMERS timeouts an hour ahead and cancel each, on the loop. */
  private static long timersScheduledAndCancelled(IOLoop loop) throws InterruptedException {
    CountDownLatch done = new CountDownLatch(1);
    long[] elapsed = new long[1];
    Runnable noop = () -> { };
    loop.addCallback(() -> {
      long t0 = System.nanoTime();
      Duration hour = Duration.ofHours(1);
      for (int i = 0; i < TIMERS; i++) {
        Timeout t = loop.callLater(hour, noop);
        t.cancel();
      }
      elapsed[0] = System.nanoTime() - t0;
      if (loop.timerHeapSize() > 1024) {
        throw new IllegalStateException("heap not compacted: " + loop.timerHeapSize());
      }
      done.countDown();
    });
    if (!done.await(120, TimeUnit.SECONDS)) {
      throw new IllegalStateException("timer round did not finish");
    }
    return elapsed[0];
  }

  /** Microseconds from addCallback (another thread) to the callback running on the loop. */
  private static double[] wakeupLatencies(IOLoop loop) throws InterruptedException {
    double[] micros = new double[WAKEUPS];
    for (int i = 0; i < WAKEUPS + 2000; i++) {
      // Let the loop go back to blocking in poll before each wake-up.
      LockSupport.parkNanos(50_000);
      CountDownLatch ran = new CountDownLatch(1);
      long[] at = new long[1];
      long t0 = System.nanoTime();
      loop.addCallback(() -> {
        at[0] = System.nanoTime();
        ran.countDown();
      });
      if (!ran.await(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("wake-up lost");
      }
      if (i >= 2000) {
        micros[i - 2000] = (at[0] - t0) / 1000.0;
      }
    }
    Arrays.sort(micros);
    return micros;
  }

  private static double pct(double[] sorted, int p) {
    return sorted[Math.min(sorted.length - 1, sorted.length * p / 100)];
  }
}
