package dev.eddy.loop.epoll.netty;

import dev.eddy.loop.spi.Poller;
import dev.eddy.loop.spi.PollerProvider;
import dev.eddy.loop.spi.Transport;
import io.netty.channel.epoll.Epoll;
import java.io.IOException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The {@code epoll-netty} backend: epoll and sockets through Netty's native epoll transport,
 * driven from the Eddy loop's own thread through Netty's public {@code IoHandler} SPI. Linux
 * only; priority 40, the highest of Eddy's backends.
 *
 * <p>Availability is Netty's: {@link #isAvailable()} is {@code Epoll.isAvailable()} and {@link
 * #unavailabilityCause()} is {@code Epoll.unavailabilityCause()} (for example the native library
 * missing for this platform). It is probed once, on first use, and never throws: without Netty's
 * classes on the class path the backend is unavailable, with the linkage error as its cause.
 * Loading this class loads no Netty class. Thread-safe.
 */
public final class EpollNettyProvider implements PollerProvider {

  /** The backend's name. */
  public static final String NAME = "epoll-netty";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int priority() {
    return 40;
  }

  @Override
  public boolean isAvailable() {
    return Probe.CAUSE == null;
  }

  @Override
  public Throwable unavailabilityCause() {
    return Probe.CAUSE;
  }

  /**
   * Opens a poller. Its {@code poll} must be called by one thread at a time, as the SPI says.
   *
   * @throws IllegalStateException if the backend is not available (with the cause)
   * @throws IOException if the operating system cannot make an epoll instance (for example too
   *     many open files)
   */
  @Override
  public Poller open() throws IOException {
    requireAvailable();
    return NettyPoller.open();
  }

  @Override
  public Transport transport() {
    requireAvailable();
    return NettyTransport.INSTANCE;
  }

  private static void requireAvailable() {
    if (Probe.CAUSE != null) {
      throw new IllegalStateException("the epoll-netty backend is not available: " + Probe.CAUSE,
          Probe.CAUSE);
    }
  }

  @Override
  public String toString() {
    return "PollerProvider[epoll-netty]";
  }

  /**
   * Why the backend cannot run, given how to ask Netty; null if it can. Never throws: a linkage
   * error (Netty's classes missing or broken) becomes the cause.
   */
  static Throwable probe(BooleanSupplier available, Supplier<Throwable> cause) {
    try {
      if (available.getAsBoolean()) {
        return null;
      }
      Throwable why = cause.get();
      return why != null ? why
          : new UnsupportedOperationException("Netty's native epoll is not available");
    } catch (LinkageError | RuntimeException e) {
      // NoClassDefFoundError without netty-transport-classes-epoll on the class path
      return new UnsupportedOperationException("Netty's epoll transport cannot be loaded: " + e,
          e);
    }
  }

  /** Runs the probe once, when availability is first asked for. */
  private static final class Probe {
    // No method reference to Epoll: it would resolve Epoll when created, outside the probe's
    // catch, and fail this class's initialisation without Netty.
    static final Throwable CAUSE = probe(Probe::ready, () -> Epoll.unavailabilityCause());

    private static boolean ready() {
      if (!Epoll.isAvailable()) {
        return false;
      }
      Errno.preload();
      return true;
    }
  }
}
