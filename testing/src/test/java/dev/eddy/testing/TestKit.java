package dev.eddy.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

/** Runs a sample class with JUnit Jupiter and tells how its tests ended. */
final class TestKit {

  private TestKit() {}

  static EngineExecutionResults run(Class<?> sample) {
    return EngineTestKit.engine("junit-jupiter")
        .configurationParameter(OnlyInTestKit.KEY, "true")
        .selectors(DiscoverySelectors.selectClass(sample))
        .execute();
  }

  /** Runs a sample with one test, which must fail; returns what failed it. */
  static Throwable failureOf(Class<?> sample) {
    Events tests = run(sample).testEvents();
    assertEquals(1, tests.started().count(), "tests started");
    List<Event> failed = tests.failed().list();
    assertEquals(1, failed.size(), () -> "failed tests; events: " + describe(tests));
    return failed.get(0).getPayload(TestExecutionResult.class).orElseThrow().getThrowable()
        .orElseThrow();
  }

  /** Runs a sample whose tests must all pass. */
  static void assertAllPass(Class<?> sample, int tests) {
    Events events = run(sample).testEvents();
    assertEquals(tests, events.succeeded().count(), () -> "events: " + describe(events));
    assertEquals(tests, events.started().count());
  }

  static String describe(Events events) {
    return events.stream().map(e -> e.getType() + " " + e.getTestDescriptor().getDisplayName()
        + e.getPayload(TestExecutionResult.class).flatMap(TestExecutionResult::getThrowable)
            .map(t -> ": " + t).orElse(""))
        .collect(Collectors.joining("; "));
  }
}
