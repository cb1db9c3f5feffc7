package dev.eddy.loop;

import dev.eddy.loop.spi.AlreadyRegisteredException;
import dev.eddy.loop.spi.NotRegisteredException;
import dev.eddy.loop.spi.PollEvents;
import dev.eddy.loop.spi.PollHandle;
import dev.eddy.loop.spi.PollKey;
import dev.eddy.loop.spi.Poller;
import dev.eddy.loop.spi.PollerProvider;
import dev.eddy.loop.spi.Transport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-threaded event loop over a {@link Poller}: Tornado's {@code IOLoop} (the {@code
 * PollIOLoop} of Tornado 4, which had its own poller) for the JVM.
 *
 * <h2>Threading</h2>
 * One loop is one thread: {@link #start()} runs it on the calling thread until {@link #stop()}.
 * Everything the loop owns — handlers, timers, and the futures it completes — is touched only on
 * that thread. The thread-safe methods are {@link #addCallback}, {@link #execute}, {@link
 * #stop()}, {@link #time()}, {@link #isRunning()}, {@link #inLoopThread()}, {@link
 * #pollerName()} and {@link #transport()}. The other methods must be called on the loop's thread
 * while it runs, or by any one thread while it does not (to set up before {@link #start()});
 * otherwise they throw {@link IllegalStateException}.
 *
 * <h2>One iteration</h2>
 * <ol>
 *   <li>Take the callbacks queued so far (callbacks they add run in the next iteration, so I/O is
 *       never starved) and pop the due timers (deadline order, equal deadlines first-in
 *       first-out).</li>
 *   <li>Run those callbacks, then those timers.</li>
 *   <li>Poll: without blocking if callbacks are queued, else until the next deadline, else until
 *       an event or a wake-up.</li>
 *   <li>Dispatch the events one handle at a time, skipping a handle whose registration was
 *       removed or replaced by a handler that ran earlier in the same batch.</li>
 * </ol>
 *
 * <h2>Errors</h2>
 * Every callback, timer and handler runs inside a catch of {@code Throwable}: it is logged once
 * with its stack (logger {@code dev.eddy.loop.IOLoop}), told to the {@linkplain
 * #setCallbackErrorListener callback error listener} if there is one, and the loop goes on. A
 * poller that fails is logged and retried after a back-off of 10 ms doubling to 1 s, never
 * spun.
 *
 * <h2>Choosing the backend</h2>
 * {@link #create()} takes the backend chosen by {@link PollerSelection}: {@code
 * -Deddy.poller=NAME} or {@code EDDY_POLLER}, else the best available one.
 */
public final class IOLoop implements Executor {

  /** Readable, or a connection waits to be accepted. */
  public static final int READ = Poller.READ;
  /** Writable, or a connect finished. */
  public static final int WRITE = Poller.WRITE;
  /** Error or hang-up; always reported, never needs asking for. */
  public static final int ERROR = Poller.ERROR;

  /** System property: the default slow-callback threshold in milliseconds (0 or unset: off). */
  public static final String SLOW_CALLBACK_PROPERTY = "eddy.slowCallbackMillis";

  private static final Logger log = LoggerFactory.getLogger(IOLoop.class);
  private static final ThreadLocal<IOLoop> CURRENT = new ThreadLocal<>();
  private static final AtomicInteger SERIAL = new AtomicInteger();
  private static final int EVENT_CAPACITY = 1024;
  private static final long MIN_BACKOFF_NANOS = 10_000_000L;
  private static final long MAX_BACKOFF_NANOS = 1_000_000_000L;

  private final String name;
  private final PollerProvider provider;
  private final Poller poller;
  private final PollEvents events = new PollEvents(EVENT_CAPACITY);
  private final Map<PollHandle, Registration> handlers = new HashMap<>();
  private final CallbackQueue callbacks = new CallbackQueue();
  private final TimerQueue timers = new TimerQueue();
  private final List<Timeout> due = new ArrayList<>();
  /** Tasks for {@link #addFlush}: run when the loop is about to wait (loop thread only). */
  private List<Runnable> flushes = new ArrayList<>();
  private List<Runnable> flushing = new ArrayList<>();
  /** Iterations since the oldest waiting flush was added, while callbacks kept the loop busy. */
  private int flushWaits;
  /** The most iterations a flush waits for the loop to fall idle. */
  private static final int MAX_FLUSH_WAITS = 16;
  private final AtomicBoolean running = new AtomicBoolean();
  /** True while the loop may block in poll; an off-loop addCallback then wakes it (once). */
  private final AtomicBoolean wakeupNeeded = new AtomicBoolean();

  private volatile Thread thread;
  private volatile boolean stopped;
  private volatile boolean closing;
  private boolean closed;
  private long slowThresholdNanos;
  private SlowCallbackListener slowListener = SlowCallbackWatchdog.LOGGING;
  private SlowCallbackWatchdog watchdog;
  private volatile CallbackErrorListener errorListener;
  private Executor defaultExecutor;
  private ExecutorService ownedExecutor;
  private long pollFailures;
  /** True while the loop backs off a failing poller (it parks instead of polling). */
  private volatile boolean pollFailing;

  private IOLoop(PollerProvider provider) throws IOException {
    this.provider = provider;
    this.name = "ioloop-" + SERIAL.incrementAndGet();
    this.poller = provider.open();
    long millis = Long.getLong(SLOW_CALLBACK_PROPERTY, 0L);
    this.slowThresholdNanos = Math.max(0, millis) * 1_000_000L;
  }

  /**
   * A new loop on the backend {@link PollerSelection#choose()} picks.
   *
   * @throws PollerUnavailableException if the named backend is unknown or cannot run here; the
   *     message lists the available backends
   * @throws UncheckedIOException if the poller cannot be opened (for example too many open files)
   */
  public static IOLoop create() {
    return create(PollerSelection.choose());
  }

  /**
   * A new loop on the named backend.
   *
   * @throws PollerUnavailableException if the backend is unknown or cannot run here
   * @throws UncheckedIOException if the poller cannot be opened
   */
  public static IOLoop create(String pollerName) {
    return create(PollerSelection.named(pollerName));
  }

  /**
   * A new loop on the given backend.
   *
   * @throws PollerUnavailableException if the backend cannot run here
   * @throws UncheckedIOException if the poller cannot be opened
   */
  public static IOLoop create(PollerProvider provider) {
    Objects.requireNonNull(provider, "provider");
    if (!provider.isAvailable()) {
      throw new PollerUnavailableException("poller '" + provider.name()
          + "' is not available here: " + provider.unavailabilityCause() + "; available: "
          + String.join(", ", PollerSelection.availableNames()), provider.unavailabilityCause());
    }
    try {
      return new IOLoop(provider);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open a '" + provider.name() + "' poller: " + e, e);
    }
  }

  /**
   * The loop running on the calling thread.
   *
   * @throws IllegalStateException if no loop is running on this thread
   */
  public static IOLoop current() {
    IOLoop loop = CURRENT.get();
    if (loop == null) {
      throw new IllegalStateException("no IOLoop is running on thread "
          + Thread.currentThread().getName());
    }
    return loop;
  }

  /** The loop running on the calling thread, or null. */
  public static IOLoop currentOrNull() {
    return CURRENT.get();
  }

  /** The backend's name ("nio", "epoll-jna", ...). Thread-safe. */
  public String pollerName() {
    return provider.name();
  }

  /** The transport that makes the handles this loop's poller accepts. Thread-safe. */
  public Transport transport() {
    return provider.transport();
  }

  /** The loop's clock: monotonic nanoseconds ({@link System#nanoTime()}). Thread-safe. */
  public long time() {
    return System.nanoTime();
  }

  /** True while {@link #start()} runs. Thread-safe. */
  public boolean isRunning() {
    return running.get();
  }

  /** True if the calling thread is the thread running this loop. Thread-safe. */
  public boolean inLoopThread() {
    return thread == Thread.currentThread();
  }

  // ---------------------------------------------------------------------------------- handlers

  /**
   * Starts watching a handle.
   *
   * @param handle a handle made by {@link #transport()}
   * @param events {@link #READ} and/or {@link #WRITE} ({@link #ERROR} bits are accepted and
   *     ignored: errors are always reported)
   * @param handler called on the loop thread with the ready events
   * @throws AlreadyRegisteredException if the handle has a handler already
   * @throws IllegalArgumentException if the handle is of a kind this loop's backend does not
   *     accept, or {@code events} has other bits
   * @throws UncheckedIOException if the operating system refuses the registration
   */
  public void addHandler(PollHandle handle, int events, IOHandler handler) {
    checkAffinity("addHandler");
    Objects.requireNonNull(handler, "handler");
    checkOpen();
    if (handlers.containsKey(handle)) {
      throw new AlreadyRegisteredException(handle);
    }
    Registration r = new Registration(handle, handler);
    try {
      r.key = poller.register(handle, interest(events), r);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot register " + handle + ": " + e.getMessage(), e);
    }
    handlers.put(handle, r);
    if (ResourceTracker.enabled()) {
      ResourceTracker.track("loop handle", handle + " on " + this, () -> r.registered);
    }
  }

  /**
   * Changes the events a handle is watched for. No system call when they are unchanged.
   *
   * @throws NotRegisteredException if the handle has no handler
   * @throws UncheckedIOException if the operating system refuses the change
   */
  public void updateHandler(PollHandle handle, int events) {
    checkAffinity("updateHandler");
    Registration r = handlers.get(handle);
    if (r == null) {
      throw new NotRegisteredException(handle);
    }
    try {
      poller.modify(r.key, interest(events));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot update " + handle + ": " + e.getMessage(), e);
    }
  }

  /**
   * Stops watching a handle; an event of the current batch for it is not dispatched. Does nothing
   * for a handle without a handler. Does not close the handle.
   */
  public void removeHandler(PollHandle handle) {
    checkAffinity("removeHandler");
    Registration r = handlers.remove(handle);
    if (r != null) {
      r.registered = false;
      poller.unregister(r.key);
    }
  }

  /**
   * The handles that have a handler now, in no particular order: a copy. For diagnostics and
   * tests (a test support checks that a test closed what it opened). Loop thread, or any one
   * thread while the loop does not run.
   */
  public List<PollHandle> handles() {
    checkAffinity("handles");
    return List.copyOf(handlers.keySet());
  }

  private static int interest(int events) {
    if ((events & ~(READ | WRITE | ERROR)) != 0) {
      throw new IllegalArgumentException("events must be bits of READ (0x1), WRITE (0x4) and "
          + "ERROR (0x18), got 0x" + Integer.toHexString(events));
    }
    return events & (READ | WRITE);
  }

  // -------------------------------------------------------------------------------- callbacks

  /**
   * Runs {@code callback} on the loop's thread in a later iteration. Thread-safe. Called from
   * another thread it wakes the poller (once, however many are added before the loop wakes);
   * called from the loop's thread it does not. Dropped silently once the loop is closing.
   */
  public void addCallback(Runnable callback) {
    Objects.requireNonNull(callback, "callback");
    if (closing) {
      return;
    }
    callbacks.add(callback);
    Thread t = thread;
    if (wakeupNeeded.get() && t != Thread.currentThread()
        && wakeupNeeded.compareAndSet(true, false)) {
      poller.wakeup();
      if (pollFailing) {
        LockSupport.unpark(t); // the loop may be backing off a failing poller instead of polling
      }
    }
  }

  /** {@link #addCallback}: so that {@code thenApplyAsync(f, loop)} continues on the loop. */
  @Override
  public void execute(Runnable command) {
    addCallback(command);
  }

  /**
   * Runs {@code callback} after {@code delay}.
   *
   * @return a handle to cancel it with
   */
  public Timeout callLater(Duration delay, Runnable callback) {
    // A negative delay means "as soon as possible"; a huge one is capped well clear of the point
    // where deadlines compared by subtraction would wrap around.
    long nanos = Math.min(Math.max(0, saturatedNanos(delay)), Long.MAX_VALUE / 4);
    return callAt(time() + nanos, callback);
  }

  /**
   * Runs {@code callback} at {@code deadline} on the loop's clock ({@link #time()}). Timers with
   * equal deadlines run in the order they were scheduled.
   *
   * @return a handle to cancel it with
   */
  public Timeout callAt(long deadline, Runnable callback) {
    checkAffinity("callAt");
    Objects.requireNonNull(callback, "callback");
    return timers.schedule(this, deadline, callback);
  }

  /** Cancels a timeout; safe after it ran, or from inside another timeout. */
  public void removeTimeout(Timeout timeout) {
    timeout.cancel();
  }

  /**
   * The number of entries in the timer heap, cancelled ones not yet removed included. For
   * diagnostics and tests: cancelled entries are removed lazily, and the heap is rebuilt when more
   * than 512 entries and more than half of it are cancelled.
   */
  public int timerHeapSize() {
    checkAffinity("timerHeapSize");
    return timers.size();
  }

  /**
   * Calls {@code callback} on the loop's thread with the future once it is done, whichever thread
   * completes it.
   */
  public <T> void addFuture(CompletionStage<T> future,
      Consumer<? super CompletableFuture<T>> callback) {
    Objects.requireNonNull(callback, "callback");
    CompletableFuture<T> f = future.toCompletableFuture();
    f.whenComplete((r, e) -> addCallback(() -> callback.accept(f)));
  }

  /**
   * Runs blocking work on {@code executor}; the future completes on the loop's thread.
   *
   * @return the task's result; failed with the task's exception, or with the {@code
   *     RejectedExecutionException} if the executor refused the task
   */
  public <T> CompletableFuture<T> runInExecutor(Executor executor, Callable<T> task) {
    Objects.requireNonNull(executor, "executor");
    Objects.requireNonNull(task, "task");
    CompletableFuture<T> result = new CompletableFuture<>();
    try {
      executor.execute(() -> {
        try {
          T value = task.call();
          addCallback(() -> result.complete(value));
        } catch (Throwable t) {
          addCallback(() -> result.completeExceptionally(t));
        }
      });
    } catch (RuntimeException rejected) {
      addCallback(() -> result.completeExceptionally(rejected));
    }
    return result;
  }

  /**
   * Runs blocking work on the loop's default executor: virtual threads where the JDK has them,
   * else a bounded pool of daemon threads; it is shut down by {@link #close}.
   */
  public <T> CompletableFuture<T> runInExecutor(Callable<T> task) {
    return runInExecutor(defaultExecutor(), task);
  }

  /**
   * Replaces the default executor of {@link #runInExecutor(Callable)}. The loop does not shut
   * down an executor it was given.
   */
  public void setDefaultExecutor(Executor executor) {
    checkAffinity("setDefaultExecutor");
    this.defaultExecutor = Objects.requireNonNull(executor, "executor");
  }

  private Executor defaultExecutor() {
    checkAffinity("runInExecutor");
    checkOpen();
    if (defaultExecutor == null) {
      ownedExecutor = BlockingExecutor.create(name);
      defaultExecutor = ownedExecutor;
    }
    return defaultExecutor;
  }

  // ------------------------------------------------------------------------- slow callbacks

  /**
   * Reports every callback, timer or handler that holds the loop longer than {@code threshold},
   * with the loop thread's stack, to the {@linkplain #setSlowCallbackListener listener} (by
   * default a warning in the log). {@link Duration#ZERO} turns it off, which is the default unless
   * {@code -Deddy.slowCallbackMillis=N} is set. Off, it costs one branch per task. Takes effect at
   * the next {@link #start()}, or at once when called on the running loop.
   */
  public void setSlowCallbackThreshold(Duration threshold) {
    checkAffinity("setSlowCallbackThreshold");
    if (threshold.isNegative()) {
      throw new IllegalArgumentException("threshold must not be negative: " + threshold);
    }
    slowThresholdNanos = saturatedNanos(threshold);
    if (running.get()) {
      restartWatchdog();
    }
  }

  /** The slow-callback threshold; zero when off. */
  public Duration slowCallbackThreshold() {
    return Duration.ofNanos(slowThresholdNanos);
  }

  /** Replaces the receiver of slow-callback reports (the default logs a warning). */
  public void setSlowCallbackListener(SlowCallbackListener listener) {
    checkAffinity("setSlowCallbackListener");
    this.slowListener = Objects.requireNonNull(listener, "listener");
    if (running.get()) {
      restartWatchdog();
    }
  }

  /**
   * Also tells {@code listener} of every exception a callback, timer or handler throws, after the
   * loop has logged it (the loop goes on as before). Test support uses it to fail the test that
   * caused the exception. Null removes the listener. Thread-safe.
   */
  public void setCallbackErrorListener(CallbackErrorListener listener) {
    this.errorListener = listener;
  }

  private void callbackFailed(Object task, Throwable error) {
    CallbackErrorListener l = errorListener;
    if (l == null) {
      return;
    }
    try {
      l.onCallbackError(this, task, error);
    } catch (Throwable t) {
      log.error("Exception in the callback error listener {}", l, t);
    }
  }

  private void restartWatchdog() {
    if (watchdog != null) {
      watchdog.stop();
      watchdog = null;
    }
    if (slowThresholdNanos > 0) {
      watchdog = new SlowCallbackWatchdog(this, thread, slowThresholdNanos, slowListener);
      watchdog.start();
    }
  }

  // --------------------------------------------------------------------------------- running

  /**
   * Runs the loop on the calling thread until {@link #stop()}. If {@link #stop()} was called
   * while the loop was not running, this returns at once (Tornado 4's rule), and the next call
   * runs normally.
   *
   * @throws IllegalStateException if the loop is running already ("IOLoop is already running")
   *     or closed
   */
  public void start() {
    if (closed) {
      throw new IllegalStateException("IOLoop is closed");
    }
    if (!running.compareAndSet(false, true)) {
      throw new IllegalStateException("IOLoop is already running");
    }
    IOLoop previous = CURRENT.get();
    CURRENT.set(this);
    thread = Thread.currentThread();
    try {
      restartWatchdog();
      run();
    } finally {
      if (watchdog != null) {
        watchdog.stop();
        watchdog = null;
      }
      stopped = false;
      wakeupNeeded.set(false);
      thread = null;
      if (previous == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(previous);
      }
      running.set(false);
    }
  }

  /**
   * Makes {@link #start()} return after the current iteration. Thread-safe. Callbacks queued and
   * not yet run stay queued for the next {@code start}.
   */
  public void stop() {
    stopped = true;
    Thread t = thread;
    if (t != null && t != Thread.currentThread()) {
      poller.wakeup();
      LockSupport.unpark(t); // in case the loop is backing off a failing poller
    }
  }

  /**
   * Starts the loop, runs {@code fn} on it, and stops it when the future {@code fn} returns is
   * done; Tornado's {@code run_sync}.
   *
   * @param fn called on the loop's thread; may return null for "done"
   * @param timeout how long to wait, or null for no limit
   * @return the future's value
   * @throws LoopTimeoutException if the timeout passed first; the future is then cancelled
   * @throws LoopStoppedException if the loop was stopped before the future completed
   * @throws RuntimeException the future's own exception, as is, if unchecked
   * @throws CompletionException wrapping the future's exception if it is checked
   * @throws IllegalStateException if the loop is running already, or closed
   */
  public <T> T runSync(Supplier<? extends CompletionStage<T>> fn, Duration timeout) {
    Objects.requireNonNull(fn, "fn");
    // Refuse before queueing anything: start() would throw only after fn's callback and the
    // timeout were scheduled, and on a running loop those would then run fn anyway and stop the
    // loop when the timeout passed.
    if (closed) {
      throw new IllegalStateException("IOLoop is closed");
    }
    if (running.get()) {
      throw new IllegalStateException("IOLoop is already running");
    }
    List<CompletableFuture<T>> cell = new ArrayList<>(1);
    boolean[] timedOut = new boolean[1];
    // The stop that the future's completion queues belongs to this call only: a completion that
    // comes after start() returned (the cancel on timeout, or a late result) must not stop the
    // loop's next run.
    boolean[] active = {true};
    addCallback(() -> {
      CompletableFuture<T> f;
      try {
        CompletionStage<T> stage = fn.get();
        f = stage == null ? CompletableFuture.completedFuture(null) : stage.toCompletableFuture();
      } catch (Throwable t) {
        f = CompletableFuture.failedFuture(t);
      }
      cell.add(f);
      f.whenComplete((r, e) -> addCallback(() -> {
        if (active[0]) {
          stop();
        }
      }));
    });
    Timeout timer = null;
    if (timeout != null) {
      timer = callLater(timeout, () -> {
        timedOut[0] = true;
        stop();
      });
    }
    try {
      start();
    } finally {
      active[0] = false;
    }
    if (timer != null) {
      timer.cancel();
    }
    CompletableFuture<T> f = cell.isEmpty() ? null : cell.get(0);
    if (f == null || !f.isDone()) {
      if (timedOut[0]) {
        if (f != null) {
          f.cancel(false);
        }
        throw new LoopTimeoutException("Operation timed out after "
            + BigDecimal.valueOf(saturatedNanos(timeout), 9).stripTrailingZeros().toPlainString()
            + " seconds");
      }
      throw new LoopStoppedException("Event loop stopped before Future completed.");
    }
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CompletionException("interrupted while reading a completed future", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException) {
        throw (RuntimeException) cause;
      }
      if (cause instanceof Error) {
        throw (Error) cause;
      }
      throw new CompletionException(cause);
    }
  }

  /**
   * Closes the loop: drops queued callbacks and timers, closes the poller and the default
   * executor, and — if {@code closeHandles} — closes every handle that still has a handler
   * (errors logged). Idempotent. Call it after {@link #start()} has returned.
   *
   * @throws IllegalStateException if the loop is running
   */
  public void close(boolean closeHandles) {
    if (running.get()) {
      throw new IllegalStateException("IOLoop is running; stop it and let start() return before "
          + "closing it");
    }
    if (closed) {
      return;
    }
    closing = true;
    closed = true;
    for (Registration r : new ArrayList<>(handlers.values())) {
      r.registered = false;
      poller.unregister(r.key);
      if (closeHandles) {
        try {
          r.handle.close();
        } catch (IOException | RuntimeException e) {
          log.warn("Error closing {} with its IOLoop", r.handle, e);
        }
      }
    }
    handlers.clear();
    callbacks.clear();
    timers.clear();
    poller.close();
    if (ownedExecutor != null) {
      ownedExecutor.shutdownNow();
      ownedExecutor = null;
    }
    defaultExecutor = null;
  }

  /** True once {@link #close} has been called. */
  public boolean isClosed() {
    return closing;
  }

  private void run() {
    while (!stopped) {
      ArrayDeque<Runnable> ready = callbacks.takeAll();
      timers.popDue(time(), due);
      Runnable cb;
      while ((cb = ready.pollFirst()) != null) {
        runTask(cb);
      }
      for (int i = 0, n = due.size(); i < n; i++) {
        Timeout t = due.get(i);
        Runnable timed = t.callback;
        if (timed != null) { // not cancelled by a timer that ran before it
          t.callback = null;
          runTask(timed);
        }
      }
      due.clear();
      if (stopped) {
        break;
      }
      long timeout = pollTimeout();
      if (!flushes.isEmpty() && (timeout != 0 || ++flushWaits >= MAX_FLUSH_WAITS)) {
        runFlushes();
        timeout = pollTimeout(); // a flush may have queued callbacks
      }
      poll(timeout);
    }
    runFlushes(); // what was written before stop() still leaves
  }

  // ---------------------------------------------------------------------------- flushes

  /**
   * Runs {@code task} once, on this loop's thread, when the loop is next about to wait for
   * events: after the callbacks queued now, and those they queue in turn, have run — or after at
   * most 16 iterations if callbacks keep coming, and when the loop stops. Streams use it to hand
   * what several handlers wrote in a row (pipelined responses, say) to the kernel in one call
   * instead of one call each; the cost is that output waits for the current burst of work.
   * Tasks run in the order added; one that throws is logged like a callback and the rest run.
   *
   * <p>Threading: the loop's thread (or before the loop runs).
   */
  public void addFlush(Runnable task) {
    checkAffinity("addFlush");
    flushes.add(Objects.requireNonNull(task, "task"));
  }

  private void runFlushes() {
    flushWaits = 0;
    while (!flushes.isEmpty()) {
      List<Runnable> batch = flushes;
      flushes = flushing;
      flushing = batch;
      for (int i = 0; i < batch.size(); i++) {
        runTask(batch.get(i));
      }
      batch.clear();
    }
  }

  private long pollTimeout() {
    if (callbacks.hasPending()) {
      return 0;
    }
    long timeout = -1;
    if (!timers.isEmpty()) {
      timeout = Math.max(0, timers.firstDeadline() - time());
    }
    if (timeout != 0) {
      // Publish that we may sleep, then look again: an addCallback racing with us either sees the
      // flag and wakes the poller, or added before our second look and is seen here.
      wakeupNeeded.set(true);
      if (callbacks.hasPending() || stopped) {
        timeout = 0;
      }
    }
    return timeout;
  }

  private void poll(long timeoutNanos) {
    int n;
    try {
      n = poller.poll(timeoutNanos, events);
      pollFailures = 0;
      pollFailing = false;
    } catch (IOException | RuntimeException e) {
      backOff(e, timeoutNanos); // wakeupNeeded stays set: addCallback unparks the back-off
      wakeupNeeded.set(false);
      return;
    }
    wakeupNeeded.set(false);
    for (int i = 0; i < n; i++) {
      if (!events.isLive(i)) {
        continue; // removed or replaced by a handler earlier in this batch
      }
      Registration r = (Registration) events.key(i).attachment();
      runHandler(r, events.events(i));
    }
  }

  private void backOff(Exception e, long timeoutNanos) {
    pollFailures++;
    if (pollFailures == 1 || Long.bitCount(pollFailures) == 1) {
      log.error("Poller {} failed ({} time(s) in a row); backing off", provider.name(),
          pollFailures, e);
    }
    long backoff = Math.min(MAX_BACKOFF_NANOS,
        MIN_BACKOFF_NANOS << Math.min(pollFailures - 1, 10));
    if (timeoutNanos >= 0) {
      backoff = Math.min(backoff, Math.max(timeoutNanos, MIN_BACKOFF_NANOS));
    }
    pollFailing = true;
    if (!stopped && !callbacks.hasPending()) {
      LockSupport.parkNanos(this, backoff);
    }
  }

  private void runTask(Runnable task) {
    SlowCallbackWatchdog w = watchdog;
    if (w != null) {
      w.task = task;
      w.taskStarted = System.nanoTime() | 1; // never 0, which means idle
    }
    try {
      task.run();
    } catch (Throwable t) {
      log.error("Exception in callback {}", task, t);
      callbackFailed(task, t);
    } finally {
      if (w != null) {
        w.taskStarted = 0;
        w.task = null;
      }
    }
  }

  private void runHandler(Registration r, int ready) {
    SlowCallbackWatchdog w = watchdog;
    if (w != null) {
      w.task = r;
      w.taskStarted = System.nanoTime() | 1;
    }
    try {
      r.handler.handleEvents(r.handle, ready);
    } catch (Throwable t) {
      log.error("Exception in I/O handler for {}", r.handle, t);
      callbackFailed(r, t);
    } finally {
      if (w != null) {
        w.taskStarted = 0;
        w.task = null;
      }
    }
  }

  // ---------------------------------------------------------------------------------- checks

  /** Throws unless called on the running loop's thread, or while the loop is not running. */
  void checkAffinity(String what) {
    Thread t = thread;
    if (t != null && t != Thread.currentThread()) {
      throw new IllegalStateException(what + " must be called on the loop's thread ("
          + t.getName() + ") while it runs; use addCallback to get there");
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("IOLoop is closed");
    }
  }

  private static long saturatedNanos(Duration d) {
    try {
      return d.toNanos();
    } catch (ArithmeticException overflow) {
      return d.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }

  @Override
  public String toString() {
    return "IOLoop[" + name + ", " + provider.name() + (running.get() ? ", running" : "")
        + (closed ? ", closed" : "") + "]";
  }

  /** A handle's handler and its current key; the key's attachment. */
  private static final class Registration {
    final PollHandle handle;
    final IOHandler handler;
    PollKey key;
    /** False once removed (read by {@link ResourceTracker} from another thread). */
    volatile boolean registered = true;

    Registration(PollHandle handle, IOHandler handler) {
      this.handle = handle;
      this.handler = handler;
    }

    @Override
    public String toString() {
      return "handler " + handler + " for " + handle;
    }
  }
}
