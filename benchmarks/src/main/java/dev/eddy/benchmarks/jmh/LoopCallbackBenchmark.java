package dev.eddy.benchmarks.jmh;

import dev.eddy.loop.IOLoop;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
 * {@code addCallback} followed by the callback running, in callbacks per microsecond (millions
 * per second), on the backend {@code -Deddy.poller} picks (give it to the fork with {@code
 * -jvmArgsAppend -Deddy.poller=nio}).
 *
 * <ul>
 *   <li>{@link #sameThread}: the benchmark thread runs the loop; a callback queues {@value
 *       #BATCH} callbacks from the loop's own thread (no wake-up) and the next iteration runs
 *       them. One {@code start()} and one {@code poll(0)} per batch are included, spread over the
 *       batch.</li>
 *   <li>{@link #crossThread}: the loop runs on its own thread and the benchmark thread is the
 *       producer, keeping at most {@value CrossThread#WINDOW} callbacks queued: the steady rate at
 *       which callbacks go from another thread through the queue (and the poller's wake-up when
 *       the loop had gone to sleep) to running on the loop — LoopFigures' first line.</li>
 * </ul>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class LoopCallbackBenchmark {

  static final int BATCH = 1000;

  /** Same thread: {@value #BATCH} callbacks queued on the loop's thread and run by it. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public long sameThread(SameThread s) {
    s.loop.addCallback(s.queueBatch);
    s.loop.start();
    return s.ran;
  }

  /** Cross thread: one {@code addCallback} from the benchmark thread, run on the loop's. */
  @Benchmark
  public long crossThread(CrossThread s) {
    s.loop.addCallback(s.increment);
    if (++s.sent - s.published.get() > CrossThread.WINDOW) {
      s.throttle();
    }
    return s.sent;
  }

  /** A loop the benchmark thread runs. */
  @State(Scope.Thread)
  public static class SameThread {
    IOLoop loop;
    long ran;
    Runnable queueBatch;

    @Setup
    public void open() {
      loop = IOLoop.create();
      Runnable increment = () -> ran++;
      Runnable stop = loop::stop;
      queueBatch = () -> {
        for (int i = 0; i < BATCH; i++) {
          loop.addCallback(increment);
        }
        loop.addCallback(stop);
      };
    }

    @TearDown
    public void close() {
      loop.close(true);
    }
  }

  /** A loop running on a thread of its own. */
  @State(Scope.Thread)
  public static class CrossThread {

    /** The most callbacks queued and not yet run before the producer waits. */
    static final int WINDOW = 1 << 16;
    /** The loop publishes its count every 256 callbacks. */
    private static final int PUBLISH_MASK = 255;

    IOLoop loop;
    Thread loopThread;
    Runnable increment;
    long sent;
    /** Callbacks run, as last published by the loop. */
    final AtomicLong published = new AtomicLong();
    /** Callbacks run; the loop's thread only. */
    private long ran;

    @Setup
    public void start() {
      loop = IOLoop.create();
      increment = () -> {
        if ((++ran & PUBLISH_MASK) == 0) {
          published.lazySet(ran);
        }
      };
      loopThread = new Thread(loop::start, "eddy-bench-loop");
      loopThread.start();
    }

    @TearDown
    public void stop() throws InterruptedException {
      loop.stop();
      loopThread.join();
      loop.close(true);
    }

    /** Waits (spinning, then yielding) until at most half the window is queued. */
    void throttle() {
      long target = sent - WINDOW / 2;
      for (int spins = 0; published.get() < target; spins++) {
        if (spins < 100) {
          Thread.onSpinWait();
        } else {
          Thread.yield();
        }
      }
    }
  }
}
