package dev.eddy.loop.kqueue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The provider's probe never throws; an unknown OS or missing kqueue symbol gives a cause. */
class KqueueProviderTest {

  @Test
  void probeOfAnUnknownOsGivesACauseNamingTheProperty() {
    Throwable cause = KqueueProvider.probe(null, "Windows 11");
    assertInstanceOf(UnsupportedOperationException.class, cause);
    assertTrue(cause.getMessage().contains("eddy.kqueue.abi"), cause.getMessage());
  }

  @Test
  void availabilityIsAnsweredWithoutThrowing() {
    KqueueProvider provider = new KqueueProvider();
    assertEquals("kqueue", provider.name());
    assertEquals(20, provider.priority());
    if (provider.isAvailable()) {
      assertNotNull(provider.transport());
    } else {
      assertNotNull(provider.unavailabilityCause());
      IllegalStateException e = assertThrows(IllegalStateException.class, provider::open);
      assertTrue(e.getMessage().startsWith("the kqueue backend is not available: "),
          e.getMessage());
      assertThrows(IllegalStateException.class, provider::transport);
    }
  }

  @Test
  void probeOfAMissingLibraryNamesIt() {
    String before = System.getProperty(KqueueProvider.LIBRARY_PROPERTY);
    System.setProperty(KqueueProvider.LIBRARY_PROPERTY, "/nonexistent/libkqueue.so");
    try {
      Throwable cause = KqueueProvider.probe(null, "Linux");
      if (before == null) { // with a real library bound already, LibC keeps it
        assertInstanceOf(UnsupportedOperationException.class, cause);
        assertTrue(cause.getMessage().startsWith("no kqueue in /nonexistent/libkqueue.so: "),
            cause.getMessage());
      }
    } finally {
      if (before == null) {
        System.clearProperty(KqueueProvider.LIBRARY_PROPERTY);
      } else {
        System.setProperty(KqueueProvider.LIBRARY_PROPERTY, before);
      }
    }
  }

  @ParameterizedTest
  @CsvSource(value = {"'', false", "user, false", "USER, false", "pipe, true", "' pipe ', true"})
  void theWakerIsChosenByProperty(String value, boolean pipe) {
    assertEquals(pipe, KqueueProvider.pipeWaker(value));
    assertEquals(false, KqueueProvider.pipeWaker(null));
  }

  @Test
  void anUnknownWakerIsRefusedWithTheChoices() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> KqueueProvider.pipeWaker("eventfd"));
    assertEquals("-Deddy.kqueue.waker=eventfd is not a waker; use user or pipe", e.getMessage());
  }
}
