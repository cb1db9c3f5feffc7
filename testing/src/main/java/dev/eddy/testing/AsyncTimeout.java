package dev.eddy.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * How long each {@link AsyncTestContext#await} of a test may run the loop, in seconds (the {@code
 * timeout} of Tornado's {@code gen_test}). On a test method, or on a class for all its tests (and
 * those of its subclasses and {@code @Nested} classes); the method's wins.
 *
 * <p>Without it the timeout is the system property {@value EddyLoopExtension#TIMEOUT_PROPERTY},
 * else the environment variable {@value EddyLoopExtension#TIMEOUT_ENV} (Tornado's {@code
 * ASYNC_TEST_TIMEOUT}), else 5 seconds. An explicit annotation is not overridden by either.
 */
@Target({ElementType.METHOD, ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface AsyncTimeout {

  /** Seconds, more than zero; fractions allowed ({@code 0.5}). */
  double value();
}
