package dev.eddy.web;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.eddy.loop.IOLoop;
import dev.eddy.loop.PollerSelection;
import dev.eddy.loop.spi.PollerProvider;
import java.util.Locale;

/**
 * A loop on a named backend for a test: on Linux nio, epoll-jna and epoll-netty must be there (a
 * missing one fails the test); kqueue is skipped with the reason where it cannot run.
 */
public final class WebBackends {

  private WebBackends() {}

  public static IOLoop loop(String backend) {
    PollerProvider provider = PollerSelection.all().stream()
        .filter(p -> p.name().equals(backend)).findFirst().orElse(null);
    boolean linux = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux");
    String why = provider == null ? "not on the class path"
        : String.valueOf(provider.unavailabilityCause());
    if (linux && !backend.equals("kqueue")) {
      assertTrue(provider != null && provider.isAvailable(),
          () -> "backend " + backend + " must run on Linux: " + why);
    } else {
      assumeTrue(provider != null && provider.isAvailable(),
          () -> "backend " + backend + " is not available here: " + why);
    }
    return IOLoop.create(provider);
  }
}
