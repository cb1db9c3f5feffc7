package dev.eddy.testing;

import dev.eddy.loop.CallbackErrorListener;
import dev.eddy.loop.IOLoop;
import dev.eddy.loop.spi.PollHandle;
import java.util.ArrayList;
import java.util.List;

/**
 * One test's loop, the failures of its callbacks not yet reported, and its timeout. Made by the
 * extension before the test, finished after it.
 */
final class LoopTestState implements CallbackErrorListener {

  final IOLoop loop;
  final AsyncTestContext async;
  private final List<AssertionError> failures = new ArrayList<>();

  LoopTestState(IOLoop loop, double timeoutSeconds) {
    this.loop = loop;
    this.async = new AsyncTestContext(this, timeoutSeconds);
    loop.setCallbackErrorListener(this);
  }

  /** Records the failure and stops the loop, so that an await ends now and reports it. */
  @Override
  public void onCallbackError(IOLoop where, Object task, Throwable error) {
    synchronized (failures) {
      failures.add(new AssertionError("Uncaught exception in " + task + " on " + where + ": "
          + error, error));
    }
    where.stop();
  }

  /**
   * The callback failures not reported yet, as one error (the first, the others suppressed in
   * it), or null; and forgets them.
   */
  AssertionError takeFailure() {
    List<AssertionError> all;
    synchronized (failures) {
      if (failures.isEmpty()) {
        return null;
      }
      all = new ArrayList<>(failures);
      failures.clear();
    }
    AssertionError first = all.get(0);
    for (int i = 1; i < all.size(); i++) {
      first.addSuppressed(all.get(i));
    }
    return first;
  }

  /**
   * Ends the test's loop: reports callback failures not yet reported and handles still
   * registered, then closes the loop and those handles.
   *
   * @throws AssertionError if a callback failed or a handle was left registered
   */
  void finish() {
    AssertionError failure = takeFailure();
    AssertionError leak = null;
    if (loop.isRunning()) {
      leak = new AssertionError(loop + " is still running after the test; it is left open");
    } else {
      List<PollHandle> left = loop.handles();
      loop.setCallbackErrorListener(null);
      loop.close(true);
      if (!left.isEmpty()) {
        leak = new AssertionError("The test left " + left.size() + " handle(s) registered with "
            + loop + " (closed now): " + left);
      }
    }
    if (failure == null) {
      failure = leak;
    } else if (leak != null) {
      failure.addSuppressed(leak);
    }
    if (failure != null) {
      throw failure;
    }
  }
}
