package dev.eddy.loop.epoll.netty;

import io.netty.util.concurrent.ThreadAwareExecutor;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The "event loop" Netty's {@code EpollIoHandler} believes it belongs to: whichever thread is
 * driving the poller now. There is no thread of Netty's; the Eddy loop calls in.
 *
 * <p>The handler asks {@link #isExecutorThread} twice, and both answers matter:
 * <ul>
 *   <li>{@code IoRegistration.cancel()} runs at once on the executor thread and is otherwise
 *       queued through {@link #execute}. An unregister must take effect at once (the descriptor
 *       may be closed and its number reused right after), so the thread that calls the poller
 *       must be the executor thread.</li>
 *   <li>{@code IoHandler.wakeup()} writes the handler's eventfd only when called <em>off</em> the
 *       executor thread (on it, the loop is evidently not blocked). A wake-up from another thread
 *       must therefore be answered "not the executor".</li>
 * </ul>
 * So the executor thread is the last thread to {@link #enter} the poller: each poller method
 * except {@code wakeup} enters first. The SPI allows only one such thread at a time, and {@code
 * wakeup}, the one method callable from anywhere, never enters.
 *
 * <p>{@link #execute} is there for completeness: with the rule above Netty never queues a task.
 * Should it, the task runs at the start of the next poll, on the driving thread. Thread-safe.
 */
final class CallerExecutor implements ThreadAwareExecutor {

  private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  private final Runnable wakeup;
  private volatile Thread driver;

  /** @param wakeup makes a blocked or the next poll return, so that a queued task runs soon */
  CallerExecutor(Runnable wakeup) {
    this.wakeup = wakeup;
  }

  /** Makes the calling thread the executor thread. */
  void enter() {
    Thread t = Thread.currentThread();
    if (driver != t) { // a volatile read is cheaper than the write it usually saves
      driver = t;
    }
  }

  @Override
  public boolean isExecutorThread(Thread thread) {
    return thread == driver;
  }

  @Override
  public void execute(Runnable task) {
    tasks.add(task);
    wakeup.run();
  }

  /** Runs the tasks Netty queued, on the driving thread. */
  void runQueued() {
    Runnable task;
    while ((task = tasks.poll()) != null) {
      task.run();
    }
  }
}
