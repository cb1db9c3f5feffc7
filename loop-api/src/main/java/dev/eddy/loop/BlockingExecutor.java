package dev.eddy.loop;

import java.lang.reflect.Method;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Makes a loop's default executor for {@link IOLoop#runInExecutor(java.util.concurrent.Callable)}:
 * a virtual thread per task when the JDK has them (21 and later), else a bounded pool of
 * {@code min(32, cores + 4)} daemon threads (Python's default for {@code run_in_executor}) whose
 * threads end after 60 s idle. Found by reflection so that Java 17 stays the floor.
 */
final class BlockingExecutor {

  private BlockingExecutor() {}

  static ExecutorService create(String loopName) {
    ExecutorService virtual = virtualThreadPerTask();
    if (virtual != null) {
      return virtual;
    }
    int threads = Math.min(32, Runtime.getRuntime().availableProcessors() + 4);
    ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), daemonFactory("eddy-blocking-" + loopName + "-"));
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }

  private static ExecutorService virtualThreadPerTask() {
    try {
      Method m = java.util.concurrent.Executors.class.getMethod("newVirtualThreadPerTaskExecutor");
      return (ExecutorService) m.invoke(null);
    } catch (ReflectiveOperationException | RuntimeException absent) {
      return null; // JDK without virtual threads (17 to 20): use the pool
    }
  }

  private static ThreadFactory daemonFactory(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
