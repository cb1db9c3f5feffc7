package dev.eddy.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The default timeout: the property, then the environment variable, then 5 s. */
class AsyncTimeoutsTest {

  private static double resolve(Map<String, String> properties, Map<String, String> env) {
    return AsyncTimeouts.defaultSeconds(properties::get, env::get);
  }

  @Test
  void fiveSecondsUnlessSet() {
    assertEquals(5.0, resolve(Map.of(), Map.of()));
  }

  @Test
  void theEnvironmentVariableAndThenThePropertyOverrideIt() {
    assertEquals(12.5, resolve(Map.of(), Map.of("EDDY_TEST_TIMEOUT", "12.5")));
    assertEquals(3.0, resolve(Map.of("eddy.test.timeout", "3"),
        Map.of("EDDY_TEST_TIMEOUT", "12.5")));
  }

  @Test
  void aValueThatIsNotAPositiveNumberIsRefusedNamingItsSource() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> resolve(Map.of(), Map.of("EDDY_TEST_TIMEOUT", "soon")));
    assertTrue(e.getMessage().contains("EDDY_TEST_TIMEOUT"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> resolve(Map.of("eddy.test.timeout", "-1"), Map.of()));
    assertTrue(e.getMessage().contains("-Deddy.test.timeout"), e.getMessage());
  }

  @Test
  void secondsAreShownAsWrittenAndConverted() {
    assertEquals("5", AsyncTimeouts.format(5.0));
    assertEquals("0.25", AsyncTimeouts.format(0.25));
    assertEquals(Duration.ofMillis(250), AsyncTimeouts.toDuration(0.25));
  }
}
