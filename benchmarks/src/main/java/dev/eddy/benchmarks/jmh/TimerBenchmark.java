package dev.eddy.benchmarks.jmh;

import dev.eddy.loop.IOLoop;
import dev.eddy.loop.Timeout;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The loop's timers, in timers per microsecond (millions per second), with the benchmark thread as
 * the loop's thread.
 *
 * <ul>
 *   <li>{@link #scheduleCancel}: {@code callLater} an hour ahead, then {@code cancel}: the cost of
 *       a timeout that never fires (a request timeout that the response beat). Cancelled entries
 *       leave the heap lazily, by the compaction that {@code TimerQueue} runs, which is included
 *       (LoopFigures' second line).</li>
 *   <li>{@link #scheduleFire}: {@value #BATCH} timers already due, scheduled in scrambled deadline
 *       order (so the heap really sifts), then one loop iteration that pops and runs them all.
 *       One {@code start()} per batch is included, spread over the batch.</li>
 * </ul>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class TimerBenchmark {

  static final int BATCH = 1000;
  private static final Duration HOUR = Duration.ofHours(1);

  private IOLoop loop;
  private long fired;
  private Runnable fire;
  private Runnable noop;
  private Runnable stop;

  @Setup
  public void open() {
    loop = IOLoop.create();
    fire = () -> fired++;
    noop = () -> { };
    stop = loop::stop;
  }

  @TearDown
  public void close() {
    loop.close(true);
  }

  /** One timeout scheduled an hour ahead and cancelled. */
  @Benchmark
  public Timeout scheduleCancel() {
    Timeout t = loop.callLater(HOUR, noop);
    t.cancel();
    return t;
  }

  /** {@value #BATCH} due timeouts scheduled, then fired by one loop iteration. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public long scheduleFire() {
    long now = loop.time();
    for (int i = 0; i < BATCH; i++) {
      // 7919 is prime, so i * 7919 % BATCH visits every offset once, in scrambled order.
      loop.callAt(now - (long) (i * 7919 % BATCH) * 1000, fire);
    }
    // Callbacks run before the due timers in an iteration, and the loop leaves after both.
    loop.addCallback(stop);
    loop.start();
    return fired;
  }
}
