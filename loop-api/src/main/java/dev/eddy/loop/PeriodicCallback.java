package dev.eddy.loop;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a callback every period on a loop: Tornado's {@code PeriodicCallback}, with the same
 * schedule ({@link PeriodicSchedule}): start to start, overruns skip whole periods, a clock going
 * backwards moves one period on, optional jitter.
 *
 * <p>An asynchronous callback ({@link #ofAsync}) returns a {@link CompletionStage}; the next run
 * is scheduled only when it completes, so runs never overlap. An exception (thrown, or failing
 * the stage) is logged and the schedule goes on.
 *
 * <p>Threading: {@link #start}, {@link #stop} and {@link #isRunning} on the loop's thread (or
 * before the loop starts); the callback runs on the loop's thread.
 */
public final class PeriodicCallback {

  private static final Logger log = LoggerFactory.getLogger(PeriodicCallback.class);

  private final Supplier<? extends CompletionStage<?>> callback;
  private final Object description;
  private final PeriodicSchedule schedule;
  private IOLoop loop;
  private Timeout timeout;
  private boolean running;
  /** Bumped by start and stop, so that a run of an earlier start never schedules the next. */
  private int generation;

  private PeriodicCallback(Supplier<? extends CompletionStage<?>> callback, Object description,
      Duration period, double jitter) {
    this.callback = callback;
    this.description = description;
    this.schedule = new PeriodicSchedule(period, jitter);
  }

  /**
   * A callback run every {@code period}.
   *
   * @throws IllegalArgumentException if the period is not positive
   */
  public PeriodicCallback(Runnable callback, Duration period) {
    this(callback, period, 0);
  }

  /**
   * A callback run every {@code period}, each period multiplied by {@code 1 + jitter * (random -
   * 0.5)}.
   *
   * @throws IllegalArgumentException if the period is not positive or the jitter negative
   */
  public PeriodicCallback(Runnable callback, Duration period, double jitter) {
    this(syncAdapter(Objects.requireNonNull(callback, "callback")), callback, period, jitter);
  }

  /**
   * An asynchronous callback: the next run waits until the stage it returned completes.
   *
   * @throws IllegalArgumentException if the period is not positive or the jitter negative
   */
  public static PeriodicCallback ofAsync(Supplier<? extends CompletionStage<?>> callback,
      Duration period, double jitter) {
    Objects.requireNonNull(callback, "callback");
    return new PeriodicCallback(callback, callback, period, jitter);
  }

  private static Supplier<CompletionStage<?>> syncAdapter(Runnable r) {
    return () -> {
      r.run();
      return null;
    };
  }

  /**
   * Starts on the loop running on this thread.
   *
   * @throws IllegalStateException if no loop runs on this thread
   */
  public void start() {
    start(IOLoop.current());
  }

  /** Starts on {@code loop}: the first run is one period from now. Does nothing if running. */
  public void start(IOLoop loop) {
    loop.checkAffinity("PeriodicCallback.start");
    if (running) {
      return;
    }
    this.loop = loop;
    running = true;
    generation++;
    schedule.reset(loop.time());
    scheduleNext();
  }

  /** Stops; a run in progress finishes, and no further run is scheduled. */
  public void stop() {
    running = false;
    generation++;
    if (timeout != null) {
      timeout.cancel();
      timeout = null;
    }
  }

  /** True between {@link #start} and {@link #stop}. */
  public boolean isRunning() {
    return running;
  }

  private void run() {
    timeout = null;
    if (!running) {
      return;
    }
    CompletionStage<?> pending;
    try {
      pending = callback.get();
    } catch (RuntimeException | Error e) {
      log.error("Exception in periodic callback {}", description, e);
      pending = null;
    }
    if (pending == null) {
      scheduleNext();
      return;
    }
    IOLoop owner = loop;
    int started = generation;
    pending.whenComplete((r, e) -> {
      if (e != null) {
        log.error("Exception in periodic callback {}", description, e);
      }
      owner.addCallback(() -> {
        if (generation == started) { // stopped (and perhaps started again) meanwhile: not ours
          scheduleNext();
        }
      });
    });
  }

  private void scheduleNext() {
    if (running && timeout == null) {
      timeout = loop.callAt(schedule.advance(loop.time()), this::run);
    }
  }

  @Override
  public String toString() {
    return "PeriodicCallback[" + description + (running ? ", running" : "") + "]";
  }
}
