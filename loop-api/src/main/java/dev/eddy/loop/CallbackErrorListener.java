package dev.eddy.loop;

/**
 * Told of every exception a loop's callback, timer or I/O handler throws, after the loop has
 * logged it; see {@link IOLoop#setCallbackErrorListener}. Test support uses it to fail the test
 * whose callback failed, as Tornado's {@code AsyncTestCase} does.
 *
 * <p>Threading: called on the loop's thread, right after the failing task. An exception the
 * listener throws is logged and ignored; the loop goes on either way.
 */
@FunctionalInterface
public interface CallbackErrorListener {

  /**
   * @param loop the loop the task ran on
   * @param task the callback, timer or handler registration that threw (its {@code toString}
   *     describes it)
   * @param error what it threw
   */
  void onCallbackError(IOLoop loop, Object task, Throwable error);
}
