package dev.eddy.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs each test of the annotated class with a fresh {@link dev.eddy.loop.IOLoop}: the same as
 * {@code @ExtendWith(EddyLoopExtension.class)}; see {@link EddyLoopExtension} for what it gives
 * and checks.
 *
 * <pre>{@code
 * @EddyLoopTest
 * class TimerTest {
 *   @Test
 *   void firesLater(IOLoop loop, AsyncTestContext async) {
 *     CompletableFuture<String> fired = new CompletableFuture<>();
 *     loop.callLater(Duration.ofMillis(10), () -> fired.complete("fired"));
 *     assertEquals("fired", async.await(fired));
 *   }
 * }
 * }</pre>
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(EddyLoopExtension.class)
public @interface EddyLoopTest {}
