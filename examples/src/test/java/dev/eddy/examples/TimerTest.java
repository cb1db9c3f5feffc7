package dev.eddy.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.eddy.loop.IOLoop;
import dev.eddy.testing.AsyncTestContext;
import dev.eddy.testing.AsyncTimeout;
import dev.eddy.testing.EddyLoopTest;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The README's loop-test sample: Tornado's AsyncTestCase with gen_test. */
// readme:begin loop-test
@EddyLoopTest
class TimerTest {

  @Test
  @AsyncTimeout(2)
  void firesLater(IOLoop loop, AsyncTestContext async) {
    CompletableFuture<String> fired = new CompletableFuture<>();
    loop.callLater(Duration.ofMillis(10), () -> fired.complete("fired"));
    assertEquals("fired", async.await(fired));            // runs the loop until it is done
  }
}
// readme:end loop-test
