package dev.eddy.examples.poll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.loop.IOLoop;
import dev.eddy.loop.PollerSelection;
import dev.eddy.loop.spi.PollerProvider;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * How a user gets the plugin: found through {@code META-INF/services}, never chosen by default
 * (nio, also on the test class path, outranks it), chosen by {@code -Deddy.poller=poll}.
 */
@EnabledOnOs(OS.LINUX) // on Linux (and so in CI) the poll backend must be available
class PollSelectionTest {

  @AfterEach
  void clearProperties() {
    System.clearProperty(PollerSelection.POLLER_PROPERTY);
    System.clearProperty(PollerSelection.NO_NATIVE_PROPERTY);
  }

  @Test
  void foundThroughTheServiceFileAndAvailable() {
    PollerProvider found = PollerSelection.all().stream()
        .filter(p -> p.name().equals("poll")).findFirst().orElseThrow();
    assertEquals(PollProvider.class, found.getClass());
    assertTrue(found.isAvailable(), () -> "not available: " + found.unavailabilityCause());
    assertNull(found.unavailabilityCause());
  }

  @Test
  void neverChosenByDefault() {
    assertEquals(List.of("nio", "poll"), PollerSelection.availableNames(),
        "highest priority first: nio (0) before poll (-100)");
    assertEquals("nio", PollerSelection.choose().name());
  }

  @Test
  void chosenByTheSystemProperty() {
    System.setProperty(PollerSelection.POLLER_PROPERTY, "poll");
    assertEquals("poll", PollerSelection.choose().name());
    IOLoop loop = IOLoop.create();
    try {
      assertEquals("poll", loop.pollerName());
    } finally {
      loop.close(true);
    }
  }

  @Test
  void chosenByNameThroughTheApi() {
    IOLoop loop = IOLoop.create("poll");
    try {
      assertEquals("poll", loop.pollerName());
    } finally {
      loop.close(true);
    }
  }
}
