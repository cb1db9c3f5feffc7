package dev.eddy.testing;

import dev.eddy.loop.IOLoop;
import dev.eddy.loop.LoopStoppedException;
import dev.eddy.loop.LoopTimeoutException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * A test's handle on its loop for asynchronous steps: Tornado's {@code gen_test} and {@code
 * run_sync} for JUnit 5. Declare it as a parameter of a test method, a {@code @BeforeEach} or
 * {@code @AfterEach} method, or the constructor of a test class run by {@link
 * EddyLoopExtension}.
 *
 * <p>JUnit runs only {@code void} test methods, so an async test is a {@code void} method that
 * awaits what it starts; each {@link #await} runs the loop until the future is done:
 *
 * <pre>{@code
 * @Test
 * @AsyncTimeout(2)
 * void echoes(AsyncTestContext async) {
 *   String reply = async.await(() -> client.send("ping"));   // runs on the loop, at most 2 s
 *   assertEquals("pong", reply);
 * }
 * }</pre>
 *
 * <h2>Threading</h2>
 * Call it on the test's thread (the thread JUnit runs the test method on), never from a loop
 * callback. The loop runs only inside {@code await}, on that same thread; between awaits the test
 * owns the loop and may call any of its methods directly (as {@link IOLoop} allows while it does
 * not run).
 *
 * <h2>Errors</h2>
 * An exception thrown by any loop callback, timer or handler stops the loop at once: {@code await}
 * then throws an {@link AssertionError} whose cause is that exception (Tornado's {@code
 * AsyncTestCase} rethrows it the same way). A future that fails makes {@code await} throw its
 * exception. A future not done within the {@linkplain AsyncTimeout timeout} is cancelled and
 * {@code await} throws an {@code AssertionError} "Async test timed out after N seconds".
 */
public final class AsyncTestContext {

  private final LoopTestState state;
  private final double timeoutSeconds;

  AsyncTestContext(LoopTestState state, double timeoutSeconds) {
    this.state = state;
    this.timeoutSeconds = timeoutSeconds;
  }

  /** The test's loop; the same one an {@link IOLoop} parameter gets. */
  public IOLoop loop() {
    return state.loop;
  }

  /** How long one {@link #await} may run the loop (see {@link AsyncTimeout}). */
  public Duration timeout() {
    return AsyncTimeouts.toDuration(timeoutSeconds);
  }

  /**
   * Runs the loop, calls {@code body} on it, and runs the loop on until the future it returns is
   * done (a null future counts as done).
   *
   * @return the future's value
   * @throws AssertionError if a loop callback threw (the cause), or on timeout
   * @throws RuntimeException the future's exception, or {@code body}'s, as is if unchecked
   * @throws java.util.concurrent.CompletionException wrapping a checked exception of the future
   * @throws IllegalStateException if called on the loop's thread while it runs
   */
  public <T> T await(Supplier<? extends CompletionStage<T>> body) {
    Objects.requireNonNull(body, "body");
    throwCallbackFailure(null);
    T value;
    try {
      value = state.loop.runSync(body, timeout());
    } catch (LoopTimeoutException e) {
      throwCallbackFailure(null);
      AssertionError timedOut = new AssertionError("Async test timed out after "
          + AsyncTimeouts.format(timeoutSeconds) + " seconds");
      timedOut.initCause(e);
      throw timedOut;
    } catch (LoopStoppedException e) {
      throwCallbackFailure(null); // stopped by a failing callback: report that
      throw e;
    } catch (RuntimeException | Error e) {
      throwCallbackFailure(e);
      throw e;
    }
    throwCallbackFailure(null);
    return value;
  }

  /**
   * Runs the loop until {@code future} is done: {@code await(() -> future)}, for a future that
   * was started before.
   */
  public <T> T await(CompletionStage<T> future) {
    Objects.requireNonNull(future, "future");
    return await(() -> future);
  }

  private void throwCallbackFailure(Throwable alsoThrown) {
    AssertionError failure = state.takeFailure();
    if (failure != null) {
      if (alsoThrown != null) {
        failure.addSuppressed(alsoThrown);
      }
      throw failure;
    }
  }

  @Override
  public String toString() {
    return "AsyncTestContext[" + state.loop + ", timeout " + AsyncTimeouts.format(timeoutSeconds)
        + " s]";
  }
}
