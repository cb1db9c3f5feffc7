package dev.eddy.loop.kqueue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

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
      assertThrows(UnsupportedOperationException.class, provider::transport);
    } else {
      assertNotNull(provider.unavailabilityCause());
      assertThrows(IllegalStateException.class, provider::open);
      System.out.println("kqueue is not available here: " + provider.unavailabilityCause());
    }
  }
}
