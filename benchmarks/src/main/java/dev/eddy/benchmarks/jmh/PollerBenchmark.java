package dev.eddy.benchmarks.jmh;

import dev.eddy.loop.PollerSelection;
import dev.eddy.loop.spi.PollEvents;
import dev.eddy.loop.spi.Poller;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Per-call costs of each backend through the SPI alone ({@code PollerProvider.open()}, {@code
 * Poller}), in nanoseconds per operation, as BackendFigures' first two columns:
 *
 * <ul>
 *   <li>{@link #emptyPoll}: {@code poll(0)} with nothing registered and nothing ready;</li>
 *   <li>{@link #wakeupRoundTrip}: {@code wakeup()} then the {@code poll(0)} that consumes it, on
 *       one thread (eventfd write, epoll_wait and read, or the selector's equivalent; on
 *       epoll-netty the same-thread wake-up is only a flag).</li>
 * </ul>
 *
 * The backends are the {@code poller} parameter; an unavailable one fails its setup with
 * PollerSelection's reason. {@link AvailableBackends} runs only the available ones (kqueue
 * included where it runs).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class PollerBenchmark {

  @Param({"nio", "epoll-jna", "epoll-netty"})
  public String poller;

  private Poller measured;
  private PollEvents events;

  @Setup
  public void open() throws IOException {
    measured = PollerSelection.named(poller).open();
    events = new PollEvents(64);
  }

  @TearDown
  public void close() {
    measured.close();
  }

  /** An empty {@code poll(0)}. */
  @Benchmark
  public int emptyPoll() throws IOException {
    return measured.poll(0, events);
  }

  /** {@code wakeup()}, then the {@code poll(0)} that consumes it. */
  @Benchmark
  public int wakeupRoundTrip() throws IOException {
    measured.wakeup();
    return measured.poll(0, events);
  }
}
