package dev.eddy.testing;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a sample test class only when a test runs it through JUnit's test kit (which sets {@link
 * #KEY}): samples that are meant to fail must not fail the build when found some other way.
 */
final class OnlyInTestKit implements ExecutionCondition {

  static final String KEY = "dev.eddy.testing.samples";

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    return context.getConfigurationParameter(KEY).filter("true"::equals).isPresent()
        ? ConditionEvaluationResult.enabled("run by the test kit")
        : ConditionEvaluationResult.disabled("a sample, run only through the test kit");
  }
}
