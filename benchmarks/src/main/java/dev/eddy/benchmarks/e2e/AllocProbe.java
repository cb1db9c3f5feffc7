package dev.eddy.benchmarks.e2e;

import dev.eddy.loop.IOLoop;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Bytes allocated so far by a server's loop threads ({@code
 * com.sun.management.ThreadMXBean.getThreadAllocatedBytes}), answered on {@code GET /__alloc}
 * and printed when the server stops.
 */
final class AllocProbe {

  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  private final Set<Long> threadIds = ConcurrentHashMap.newKeySet();

  /** A probe over the threads of these running loops (asks each loop for its thread). */
  static AllocProbe ofLoops(List<IOLoop> loops) throws InterruptedException {
    AllocProbe probe = new AllocProbe();
    CountDownLatch known = new CountDownLatch(loops.size());
    for (IOLoop loop : loops) {
      loop.addCallback(() -> {
        probe.add(Thread.currentThread());
        known.countDown();
      });
    }
    if (!known.await(10, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the loops did not run a callback within 10 s");
    }
    return probe;
  }

  /** Counts {@code thread} as a loop thread. */
  void add(Thread thread) {
    threadIds.add(thread.getId());
  }

  /** The sum of the bytes the loop threads allocated since they started. */
  long allocatedBytes() {
    long[] ids = threadIds.stream().mapToLong(Long::longValue).toArray();
    long sum = 0;
    for (long b : THREADS.getThreadAllocatedBytes(ids)) {
      sum += Math.max(0, b);
    }
    return sum;
  }

  /**
   * On SIGTERM (a shutdown hook): prints the total on standard output while the loop threads
   * still run, then runs {@code stop}.
   */
  void reportThenStopOnShutdown(String server, Runnable stop) {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      System.out.println(server + ": loop threads allocated " + allocatedBytes()
          + " bytes in all");
      System.out.flush();
      stop.run();
    }, "server-stop"));
  }
}
