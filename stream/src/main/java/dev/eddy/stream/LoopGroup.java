package dev.eddy.stream;

import dev.eddy.loop.IOLoop;
import dev.eddy.loop.PollerSelection;
import dev.eddy.loop.spi.PollerProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Several loops, each running on a thread of its own ({@code eddy-loop-0}, …): the way to use
 * more than one core (DESIGN §2). {@link #next()} picks loops round robin; {@link TcpServerGroup}
 * spreads a server over them.
 *
 * <p>Threading: the group's methods are thread-safe; each loop is used by its own thread only
 * (hand work to it with {@link IOLoop#addCallback}). {@link #close()} stops every loop, waits for
 * its thread, and closes it with the handles still registered.
 */
public final class LoopGroup implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(LoopGroup.class);
  private static final Duration JOIN = Duration.ofSeconds(10);

  private final List<IOLoop> loops;
  private final List<Thread> threads;
  private final AtomicInteger next = new AtomicInteger();
  private volatile boolean closed;

  private LoopGroup(List<IOLoop> loops, List<Thread> threads) {
    this.loops = List.copyOf(loops);
    this.threads = List.copyOf(threads);
  }

  /** {@link #start(int, PollerProvider)} on the backend {@link IOLoop#create()} would choose. */
  public static LoopGroup start(int size) {
    return start(size, PollerSelection.choose());
  }

  /**
   * Starts {@code size} loops on {@code provider}, each on its own thread, and returns once all
   * run.
   *
   * @param size how many; {@link Runtime#availableProcessors()} is the usual choice
   * @throws IllegalArgumentException if {@code size} is below 1
   */
  public static LoopGroup start(int size, PollerProvider provider) {
    if (size < 1) {
      throw new IllegalArgumentException("a loop group needs at least one loop, got " + size);
    }
    List<IOLoop> loops = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    CountDownLatch running = new CountDownLatch(size);
    try {
      for (int i = 0; i < size; i++) {
        IOLoop loop = IOLoop.create(provider);
        loops.add(loop);
        loop.addCallback(running::countDown);
        Thread t = new Thread(loop::start, "eddy-loop-" + i);
        threads.add(t);
        t.start();
      }
      if (!running.await(JOIN.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException("the loops did not start within " + JOIN.toSeconds()
            + " s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      new LoopGroup(loops, threads).close();
      throw new IllegalStateException("interrupted while starting the loops", e);
    } catch (RuntimeException e) {
      new LoopGroup(loops, threads).close();
      throw e;
    }
    return new LoopGroup(loops, threads);
  }

  /** The loops, in order. */
  public List<IOLoop> loops() {
    return loops;
  }

  /** How many loops. */
  public int size() {
    return loops.size();
  }

  /** The next loop, round robin. */
  public IOLoop next() {
    return loops.get(Math.floorMod(next.getAndIncrement(), loops.size()));
  }

  /**
   * Stops every loop, waits for its thread (up to 10 s each) and closes it, closing the handles
   * still registered with it. Idempotent.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (IOLoop loop : loops) {
      loop.addCallback(loop::stop);
    }
    for (int i = 0; i < threads.size(); i++) {
      Thread t = threads.get(i);
      try {
        t.join(JOIN.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (t.isAlive()) {
        log.warn("{} did not stop within {} s; its loop is left open", t.getName(),
            JOIN.toSeconds());
        continue;
      }
      loops.get(i).close(true);
    }
  }

  @Override
  public String toString() {
    return "LoopGroup[" + loops.size() + " loops" + (closed ? ", closed" : "") + "]";
  }
}
