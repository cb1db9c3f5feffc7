package dev.eddy.loop.tck;

import static dev.eddy.loop.tck.LoopFixture.drain;
import static dev.eddy.loop.tck.LoopFixture.sneakyThrow;
import static dev.eddy.loop.tck.LoopFixture.writeByte;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.eddy.loop.IOLoop;
import dev.eddy.loop.spi.AlreadyRegisteredException;
import dev.eddy.loop.spi.StreamHandle;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Failures: a callback, timer or handler that throws — an unchecked exception, an {@link Error}
 * or a checked exception — neither stops the loop nor unregisters the handler.
 */
interface FailureCases extends LoopFixture {

  static Stream<Arguments> failures() {
    return Stream.of(
        arguments(Named.<Supplier<Throwable>>of("RuntimeException",
            () -> new IllegalStateException("thrown on purpose by IOLoopContract"))),
        arguments(Named.<Supplier<Throwable>>of("Error",
            () -> new ContractTestError("thrown on purpose by IOLoopContract"))),
        arguments(Named.<Supplier<Throwable>>of("checked exception",
            () -> new IOException("thrown on purpose by IOLoopContract"))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("failures")
  @Timeout(30)
  default void loopSurvivesAThrowingCallbackTimerAndHandler(Supplier<Throwable> failure)
      throws IOException {
    List<String> ran = new ArrayList<>();
    StreamHandle[] pipe = streamPair();
    writeByte(pipe[1]);
    int[] handlerCalls = {0};
    loop().addCallback(() -> {
      ran.add("callback");
      throw sneakyThrow(failure.get());
    });
    loop().addCallback(() -> ran.add("callback after"));
    loop().callLater(Duration.ZERO, () -> {
      ran.add("timer");
      throw sneakyThrow(failure.get());
    });
    loop().callLater(Duration.ZERO, () -> ran.add("timer after"));
    loop().addHandler(pipe[0], IOLoop.READ, (h, events) -> {
      if (++handlerCalls[0] == 1) {
        ran.add("handler"); // throws without reading: still readable, so called again
        throw sneakyThrow(failure.get());
      }
      ran.add("handler again");
      drain(pipe[0]);
      loop().stop();
    });
    runLoop();
    assertEquals(List.of("callback", "callback after", "timer", "timer after", "handler",
        "handler again"), ran);
    assertEquals(2, handlerCalls[0]);
    assertThrows(AlreadyRegisteredException.class,
        () -> loop().addHandler(pipe[0], IOLoop.READ, (h, e) -> { }),
        "the handler that threw is still registered");
  }
}
