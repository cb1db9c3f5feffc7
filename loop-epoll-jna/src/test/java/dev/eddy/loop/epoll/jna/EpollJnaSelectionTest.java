package dev.eddy.loop.epoll.jna;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.loop.IOLoop;
import dev.eddy.loop.PollerSelection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** With nio and epoll-jna on the class path, epoll-jna wins by priority and can be named. */
class EpollJnaSelectionTest {

  @AfterEach
  void clearProperties() {
    System.clearProperty(PollerSelection.POLLER_PROPERTY);
    System.clearProperty(PollerSelection.NO_NATIVE_PROPERTY);
  }

  @Test
  @EnabledOnOs(OS.LINUX) // on Linux (and so in CI) a missing Linux backend is a failure
  void epollJnaOutranksNio() {
    assertEquals(java.util.List.of("epoll-jna", "nio"), PollerSelection.availableNames());
    assertEquals("epoll-jna", PollerSelection.choose().name());
  }

  @Test
  @EnabledOnOs(OS.LINUX) // on Linux (and so in CI) a missing Linux backend is a failure
  void namedOrForcedAway() {
    System.setProperty(PollerSelection.POLLER_PROPERTY, "epoll-jna");
    IOLoop loop = IOLoop.create();
    try {
      assertEquals("epoll-jna", loop.pollerName());
    } finally {
      loop.close(true);
    }
    System.clearProperty(PollerSelection.POLLER_PROPERTY);
    System.setProperty(PollerSelection.NO_NATIVE_PROPERTY, "true");
    assertEquals("nio", PollerSelection.choose().name());
  }

  @Test
  void offLinuxItSaysWhyAndNeverThrows() {
    Throwable cause = EpollJnaProvider.probe("Mac OS X");
    assertTrue(cause.getMessage().contains("epoll is Linux only; this is Mac OS X"),
        cause.getMessage());
    if (OS.LINUX.isCurrentOs()) {
      assertNull(EpollJnaProvider.probe("Linux"), "on Linux it is available");
    }
  }
}
