package dev.eddy.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.loop.testing.FakePollerProvider;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Selection against the test double backend, which is the only one on loop-api's class path. */
class PollerSelectionTest {

  @AfterEach
  void clearProperties() {
    System.clearProperty(PollerSelection.POLLER_PROPERTY);
    System.clearProperty(PollerSelection.NO_NATIVE_PROPERTY);
  }

  @Test
  void findsBackendsThroughServiceLoader() {
    assertEquals("fake", PollerSelection.all().get(0).name());
    assertEquals(java.util.List.of("fake"), PollerSelection.availableNames());
  }

  @Test
  void withNothingSetTheBestAvailableWins() {
    assertEquals("fake", PollerSelection.choose().name());
  }

  @Test
  void aNamedBackendIsFoundCaseInsensitively() {
    System.setProperty(PollerSelection.POLLER_PROPERTY, " FAKE ");
    assertEquals("fake", PollerSelection.choose().name());
  }

  @Test
  void anUnknownNameFailsListingTheAvailableBackends() {
    System.setProperty(PollerSelection.POLLER_PROPERTY, "nosuch");
    PollerUnavailableException e = assertThrows(PollerUnavailableException.class,
        PollerSelection::choose);
    assertTrue(e.getMessage().contains("unknown poller 'nosuch'"), e.getMessage());
    assertTrue(e.getMessage().contains("available: fake"), e.getMessage());
  }

  @Test
  void loopCreationFailsTheSameWay() {
    System.setProperty(PollerSelection.POLLER_PROPERTY, "nosuch");
    PollerUnavailableException e = assertThrows(PollerUnavailableException.class, IOLoop::create);
    assertTrue(e.getMessage().contains("available: fake"), e.getMessage());
  }

  @Test
  void noNativeAsksForNioWhichIsNotHere() {
    System.setProperty(PollerSelection.NO_NATIVE_PROPERTY, "true");
    PollerUnavailableException e = assertThrows(PollerUnavailableException.class,
        PollerSelection::choose);
    assertTrue(e.getMessage().contains("unknown poller 'nio'"), e.getMessage());
  }

  @Test
  void anUnavailableBackendFailsWithItsCause() {
    IllegalStateException cause = new IllegalStateException("no such syscall");
    dev.eddy.loop.spi.PollerProvider broken = new dev.eddy.loop.spi.PollerProvider() {
      @Override public String name() { return "broken"; }
      @Override public int priority() { return 1; }
      @Override public boolean isAvailable() { return false; }
      @Override public Throwable unavailabilityCause() { return cause; }
      @Override public dev.eddy.loop.spi.Poller open() { throw new AssertionError("not called"); }
      @Override public dev.eddy.loop.spi.Transport transport() { throw new AssertionError(); }
    };
    PollerUnavailableException e = assertThrows(PollerUnavailableException.class,
        () -> IOLoop.create(broken));
    assertTrue(e.getMessage().contains("no such syscall"), e.getMessage());
    assertTrue(e.getMessage().contains("available: fake"), e.getMessage());
    assertEquals(cause, e.getCause());
  }

  @Test
  void aLoopOnTheChosenBackendRuns() {
    IOLoop loop = IOLoop.create();
    try {
      assertEquals("fake", loop.pollerName());
      assertEquals("ok", loop.runSync(
          () -> java.util.concurrent.CompletableFuture.completedFuture("ok"),
          Duration.ofSeconds(5)));
    } finally {
      loop.close(true);
    }
  }

  @Test
  void anExplicitProviderIsUsedAsIs() {
    IOLoop loop = IOLoop.create(new FakePollerProvider());
    loop.close(true);
    assertTrue(loop.isClosed());
  }
}
