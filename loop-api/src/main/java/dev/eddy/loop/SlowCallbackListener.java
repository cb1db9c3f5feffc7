package dev.eddy.loop;

import java.time.Duration;

/**
 * Told when a callback, timer or handler holds its loop longer than the {@linkplain
 * IOLoop#setSlowCallbackThreshold threshold}. The default logs a warning with the loop thread's
 * stack.
 *
 * <p>Threading: called on the loop's watchdog thread, while the slow task is still running; it
 * must not touch loop-owned state.
 */
@FunctionalInterface
public interface SlowCallbackListener {

  /**
   * @param loop the blocked loop
   * @param blockedFor how long the current task has run so far
   * @param task the task (callback, timer or handler) holding the loop
   * @param loopStack the loop thread's stack at the time of the report
   */
  void onSlowCallback(IOLoop loop, Duration blockedFor, Object task, StackTraceElement[] loopStack);
}
