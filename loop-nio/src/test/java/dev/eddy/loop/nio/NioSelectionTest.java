package dev.eddy.loop.nio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.loop.IOLoop;
import dev.eddy.loop.PollerSelection;
import dev.eddy.loop.PollerUnavailableException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** With only this backend on the class path, selection finds it by every route. */
class NioSelectionTest {

  @AfterEach
  void clearProperties() {
    System.clearProperty(PollerSelection.POLLER_PROPERTY);
    System.clearProperty(PollerSelection.NO_NATIVE_PROPERTY);
  }

  @Test
  void nioIsFoundAndChosenByDefault() {
    assertEquals("nio", PollerSelection.choose().name());
    IOLoop loop = IOLoop.create();
    try {
      assertEquals("nio", loop.pollerName());
    } finally {
      loop.close(true);
    }
  }

  @Test
  void nioCanBeNamedOrForced() {
    System.setProperty(PollerSelection.POLLER_PROPERTY, "nio");
    assertEquals("nio", PollerSelection.choose().name());
    System.clearProperty(PollerSelection.POLLER_PROPERTY);
    System.setProperty(PollerSelection.NO_NATIVE_PROPERTY, "true");
    assertEquals("nio", PollerSelection.choose().name());
  }

  @Test
  void anUnknownBackendNamesTheAvailableOnes() {
    System.setProperty(PollerSelection.POLLER_PROPERTY, "nosuch");
    PollerUnavailableException e = assertThrows(PollerUnavailableException.class, IOLoop::create);
    assertEquals("unknown poller 'nosuch'; available: nio (set by -Deddy.poller or EDDY_POLLER)",
        e.getMessage());
  }
}
