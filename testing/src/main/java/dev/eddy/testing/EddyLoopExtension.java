package dev.eddy.testing;

import dev.eddy.loop.IOLoop;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit 5 extension that gives each test a fresh {@link IOLoop}, Tornado's {@code
 * AsyncTestCase} for Eddy. Register it with {@link EddyLoopTest @EddyLoopTest} or {@code
 * @ExtendWith(EddyLoopExtension.class)}.
 *
 * <h2>What a test gets</h2>
 * <ul>
 *   <li>A loop made with {@link IOLoop#create()} before each test, so that {@code -Deddy.poller}
 *       or {@code EDDY_POLLER} choose the backend, as in production.</li>
 *   <li>Parameters of type {@link IOLoop} and {@link AsyncTestContext} in test methods, in
 *       {@code @BeforeEach}/{@code @AfterEach} methods, and in the test class's constructor (with
 *       JUnit's default per-method lifecycle). Every one of them sees the same test's loop.
 *       Asked for in a {@code @BeforeAll} method, or in the constructor of a per-class
 *       lifecycle, they are refused: there is no test there to own a loop.</li>
 *   <li>{@link AsyncTestContext#await} to run the loop until a future is done, with the
 *       {@linkplain AsyncTimeout timeout}.</li>
 * </ul>
 *
 * <h2>Threading</h2>
 * The loop runs on the test's thread, inside {@link AsyncTestContext#await} (or the test's own
 * {@link IOLoop#runSync} calls) only; no other thread is started.
 *
 * <h2>What fails a test</h2>
 * <ul>
 *   <li>An exception thrown by a loop callback, timer or handler during the test (it is logged
 *       by the loop too). It stops the loop, so that the running await fails at once with it; one
 *       not reported by an await fails the test after it ran.</li>
 *   <li>Handles still registered with the loop after the test (and its {@code @AfterEach}
 *       methods): the failure names them. They are closed anyway, with the loop.</li>
 * </ul>
 * After each test the loop is closed with {@link IOLoop#close(boolean) close(true)}.
 *
 * <p>Each test has a loop of its own, so tests may run in JUnit's parallel mode ({@link
 * ExpectLog}, which listens to the whole JVM, may not).
 */
public final class EddyLoopExtension
    implements BeforeEachCallback, AfterEachCallback, ParameterResolver {

  /** System property: the default async timeout in seconds (see {@link AsyncTimeout}). */
  public static final String TIMEOUT_PROPERTY = "eddy.test.timeout";
  /** Environment variable: the default async timeout in seconds, after the property. */
  public static final String TIMEOUT_ENV = "EDDY_TEST_TIMEOUT";

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(EddyLoopExtension.class);
  private static final String STATE = "state";

  /** Made by JUnit. */
  public EddyLoopExtension() {}

  @Override
  public void beforeEach(ExtensionContext context) {
    state(context);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    LoopTestState state = context.getStore(NAMESPACE).remove(STATE, LoopTestState.class);
    if (state != null) {
      state.finish();
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == IOLoop.class || type == AsyncTestContext.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    if (context.getTestMethod().isEmpty()) {
      throw new ParameterResolutionException("An " + parameter.getParameter().getType()
          .getSimpleName() + " belongs to one test: it can be a parameter of a test method, a "
          + "@BeforeEach or @AfterEach method, or the constructor with the per-method "
          + "lifecycle, not of " + parameter.getDeclaringExecutable());
    }
    LoopTestState state = state(context);
    return parameter.getParameter().getType() == IOLoop.class ? state.loop : state.async;
  }

  /** Constructor parameters are resolved in the test method's context, for its loop. */
  @Override
  public ExtensionContextScope getTestInstantiationExtensionContextScope(
      ExtensionContext rootContext) {
    return ExtensionContextScope.TEST_METHOD;
  }

  private static LoopTestState state(ExtensionContext context) {
    return context.getStore(NAMESPACE).getOrComputeIfAbsent(STATE,
        key -> {
          double timeout = AsyncTimeouts.seconds(context); // may refuse: before the loop opens
          return new LoopTestState(IOLoop.create(), timeout);
        }, LoopTestState.class);
  }
}
