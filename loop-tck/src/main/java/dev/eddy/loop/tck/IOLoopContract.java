package dev.eddy.loop.tck;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.eddy.loop.IOLoop;
import dev.eddy.loop.spi.PollerProvider;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The behaviour of {@link IOLoop} on one backend, through the public API only: the behaviours of
 * Tornado's {@code tornado/test/ioloop_test.py} (callbacks, timers, handlers, {@code run_sync},
 * {@code PeriodicCallback} and its arithmetic, futures and executors), plus Eddy's own rules
 * (loop affinity, the slow-callback detector, registration errors). A backend — or a user's
 * plugin — runs it by subclassing:
 *
 * <pre>{@code
 * class MyIOLoopContractTest extends IOLoopContract {
 *   @Override protected PollerProvider provider() { return new MyPollerProvider(); }
 * }
 * }</pre>
 *
 * <p>Each test gets a fresh loop from {@link IOLoop#create(PollerProvider)} and closes it with
 * {@code close(true)} afterwards, also when it fails; {@link ResourceLeakCheck} then fails a test
 * that left a descriptor open or a thread running. No test waits by sleeping: waits are latches,
 * futures and loop timers, each bounded by {@code LoopFixture.WAIT}, and a loop run on the test's
 * thread is stopped by a guard timer if nothing else stops it. What a callback on the loop's
 * thread asserts is collected and rethrown on the test's thread (the loop itself would only log
 * it).
 *
 * <p>Logging is not checked: that a failing callback is logged with its stack depends on the
 * SLF4J binding on the class path, which this suite cannot inspect portably. It checks that the
 * loop goes on.
 *
 * <p>This class holds the fixture; the tests are default methods of package-private interfaces
 * it implements, one file per topic:
 *
 * <ul>
 *   <li>{@code CallbackCases}: order of callbacks, iterations, fairness, cross-thread wake-up;
 *   <li>{@code TimerCases}: deadline order, cancellation, past and huge deadlines, heap size;
 *   <li>{@code FailureCases}: the loop survives a throwing callback, timer and handler;
 *   <li>{@code HandlerCases}: registration errors, events, handlers changed during a batch;
 *   <li>{@code RunSyncCases}: {@code runSync} results, failures, timeout and early stop;
 *   <li>{@code LifecycleCases}: start, stop, close and {@code IOLoop.current()};
 *   <li>{@code AffinityCases}: loop-thread-only methods against thread-safe ones;
 *   <li>{@code ExecutorCases}: {@code runInExecutor}, {@code addFuture}, the loop as executor;
 *   <li>{@code PeriodicCallbackCases}: {@code PeriodicCallback} and its arithmetic;
 *   <li>{@code SlowCallbackCases}: the slow-callback detector.
 * </ul>
 *
 * <p>They share {@code LoopFixture} (the accessors below, the bounds on waiting and the helpers
 * that run the loop) and {@code LoopThread} (the loop run on a thread of its own).
 */
@ExtendWith(ResourceLeakCheck.class)
public abstract class IOLoopContract implements CallbackCases, TimerCases, FailureCases,
    HandlerCases, RunSyncCases, LifecycleCases, AffinityCases, ExecutorCases,
    PeriodicCallbackCases, SlowCallbackCases {

  /** The backend under test. Called once per test. */
  protected abstract PollerProvider provider();

  private PollerProvider provider;
  private IOLoop loop;
  private Connections net;
  private final List<Throwable> loopFailures = Collections.synchronizedList(new ArrayList<>());

  @BeforeEach
  void createLoop() {
    provider = provider();
    assumeTrue(provider.isAvailable(), () -> "backend " + provider.name()
        + " is not available here: " + provider.unavailabilityCause());
    net = new Connections(provider);
    loop = IOLoop.create(provider);
  }

  @AfterEach
  void closeLoop() throws Exception {
    try {
      if (loop != null) {
        loop.close(true);
      }
    } finally {
      if (net != null) {
        net.close();
      }
    }
    rethrowLoopFailures();
  }

  // The fixture, for the tests; a backend's subclass needs none of it.

  /** The loop under test: a fresh one for each test. */
  @Override
  public final IOLoop loop() {
    return loop;
  }

  /** The backend under test, as {@link #provider()} gave it for this test. */
  @Override
  public final PollerProvider backend() {
    return provider;
  }

  @Override
  public final Connections net() {
    return net;
  }

  @Override
  public final List<Throwable> loopFailures() {
    return loopFailures;
  }
}
