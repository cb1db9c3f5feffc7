package dev.eddy.testing;

import java.lang.reflect.AnnotatedElement;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/** Works out a test's async timeout: {@link AsyncTimeout}, else the property, else the env. */
final class AsyncTimeouts {

  static final double DEFAULT_SECONDS = 5;

  private AsyncTimeouts() {}

  /** The timeout of the test {@code context} runs, in seconds. */
  static double seconds(ExtensionContext context) {
    Optional<AsyncTimeout> found = context.getTestMethod().flatMap(AsyncTimeouts::find);
    for (Class<?> c = context.getTestClass().orElse(null); found.isEmpty() && c != null;
        c = c.getEnclosingClass()) {
      found = find(c);
    }
    return found.map(a -> check(a.value(), "@AsyncTimeout"))
        .orElseGet(() -> defaultSeconds(System::getProperty, System::getenv));
  }

  /**
   * The timeout without an annotation: the property, else the environment variable, else 5 s.
   *
   * @throws IllegalArgumentException if the one that is set is not a positive number
   */
  static double defaultSeconds(UnaryOperator<String> properties, UnaryOperator<String> env) {
    String property = properties.apply(EddyLoopExtension.TIMEOUT_PROPERTY);
    if (property != null && !property.isBlank()) {
      return parse(property, "-D" + EddyLoopExtension.TIMEOUT_PROPERTY);
    }
    String variable = env.apply(EddyLoopExtension.TIMEOUT_ENV);
    if (variable != null && !variable.isBlank()) {
      return parse(variable, EddyLoopExtension.TIMEOUT_ENV);
    }
    return DEFAULT_SECONDS;
  }

  static Duration toDuration(double seconds) {
    return Duration.ofNanos(Math.round(Math.min(seconds, Long.MAX_VALUE / 4e9) * 1e9));
  }

  /** "5", "0.5": as the seconds were written, without trailing zeros. */
  static String format(double seconds) {
    return BigDecimal.valueOf(seconds).stripTrailingZeros().toPlainString();
  }

  private static Optional<AsyncTimeout> find(AnnotatedElement element) {
    return AnnotationSupport.findAnnotation(element, AsyncTimeout.class);
  }

  private static double parse(String text, String source) {
    double seconds;
    try {
      seconds = Double.parseDouble(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(source + " must be a number of seconds, got \"" + text
          + "\"", e);
    }
    return check(seconds, source);
  }

  private static double check(double seconds, String source) {
    if (!(seconds > 0) || Double.isInfinite(seconds)) {
      throw new IllegalArgumentException(source + " must be a positive number of seconds, got "
          + seconds);
    }
    return seconds;
  }
}
