package dev.eddy.loop.epoll.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.loop.IOLoop;
import dev.eddy.loop.PollerSelection;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * With nio, epoll-jna and epoll-netty on the class path, epoll-netty wins by priority and can be
 * named; its availability is Netty's.
 */
class EpollNettySelectionTest {

  @AfterEach
  void clearProperties() {
    System.clearProperty(PollerSelection.POLLER_PROPERTY);
    System.clearProperty(PollerSelection.NO_NATIVE_PROPERTY);
  }

  @Test
  @EnabledOnOs(OS.LINUX) // on Linux (and so in CI) a missing Linux backend is a failure
  void epollNettyIsChosenWithoutAProperty() {
    assertEquals(List.of("epoll-netty", "epoll-jna", "nio"), PollerSelection.availableNames());
    assertEquals("epoll-netty", PollerSelection.choose().name());
    IOLoop loop = IOLoop.create();
    try {
      assertEquals("epoll-netty", loop.pollerName());
    } finally {
      loop.close(true);
    }
  }

  @Test
  @EnabledOnOs(OS.LINUX) // on Linux (and so in CI) a missing Linux backend is a failure
  void namedOrForcedAway() {
    System.setProperty(PollerSelection.POLLER_PROPERTY, "epoll-netty");
    IOLoop loop = IOLoop.create();
    try {
      assertEquals("epoll-netty", loop.pollerName());
    } finally {
      loop.close(true);
    }
    System.setProperty(PollerSelection.POLLER_PROPERTY, "epoll-jna");
    assertEquals("epoll-jna", PollerSelection.choose().name(), "naming another still works");
    System.clearProperty(PollerSelection.POLLER_PROPERTY);
    System.setProperty(PollerSelection.NO_NATIVE_PROPERTY, "true");
    assertEquals("nio", PollerSelection.choose().name());
  }

  @Test
  void availabilityIsNettysAndTheProbeNeverThrows() {
    if (OS.LINUX.isCurrentOs()) {
      assertTrue(new EpollNettyProvider().isAvailable(), "Netty's epoll is available on Linux");
      assertNull(new EpollNettyProvider().unavailabilityCause());
    }

    Throwable nettysCause = new UnsatisfiedLinkError("no netty_transport_native_epoll_x86_64");
    assertSame(nettysCause, EpollNettyProvider.probe(() -> false, () -> nettysCause),
        "Netty's own cause is reported as it is");
    assertTrue(EpollNettyProvider.probe(() -> false, () -> null).getMessage()
        .contains("not available"));

    Throwable missing = EpollNettyProvider.probe(() -> {
      throw new NoClassDefFoundError("io/netty/channel/epoll/Epoll");
    }, () -> null);
    assertTrue(missing instanceof UnsupportedOperationException, String.valueOf(missing));
    assertTrue(missing.getMessage().contains("io/netty/channel/epoll/Epoll"),
        missing.getMessage());
  }
}
