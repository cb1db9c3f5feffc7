package dev.eddy.loop.epoll.jna;

import dev.eddy.loop.posix.jna.PosixAbi;
import dev.eddy.loop.posix.jna.PosixErrno;
import dev.eddy.loop.posix.jna.PosixTransport;
import dev.eddy.loop.spi.Poller;
import dev.eddy.loop.spi.PollerProvider;
import dev.eddy.loop.spi.Transport;
import java.io.IOException;

/**
 * The {@code epoll-jna} backend: epoll and libc sockets through JNA direct mapping. Linux only;
 * priority 30 (below epoll-netty, above kqueue and nio).
 *
 * <p>Availability is probed once, on first use, and never throws: the probe checks the operating
 * system, loads JNA's native part and libc, and creates (and closes) one epoll instance. Loading
 * this class touches none of that. Thread-safe.
 */
public final class EpollJnaProvider implements PollerProvider {

  /** The backend's name. */
  public static final String NAME = "epoll-jna";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int priority() {
    return 30;
  }

  @Override
  public boolean isAvailable() {
    return Probe.CAUSE == null;
  }

  @Override
  public Throwable unavailabilityCause() {
    return Probe.CAUSE;
  }

  @Override
  public Poller open() throws IOException {
    requireAvailable();
    return new EpollPoller();
  }

  @Override
  public Transport transport() {
    requireAvailable();
    return Probe.TRANSPORT;
  }

  private static void requireAvailable() {
    if (Probe.CAUSE != null) {
      throw new IllegalStateException("the epoll-jna backend is not available: " + Probe.CAUSE,
          Probe.CAUSE);
    }
  }

  @Override
  public String toString() {
    return "PollerProvider[epoll-jna]";
  }

  /**
   * Why the backend cannot run on {@code osName}, or null if it can; never throws.
   */
  static Throwable probe(String osName) {
    return Probe.probe(osName);
  }

  /** Runs the probe once, when availability is first asked for. */
  private static final class Probe {
    static final PosixTransport TRANSPORT = new PosixTransport(NAME, PosixAbi.LINUX, true);
    static final Throwable CAUSE = probe(System.getProperty("os.name", ""));

    private static Throwable probe(String os) {
      if (!os.toLowerCase(java.util.Locale.ROOT).startsWith("linux")) {
        return new UnsupportedOperationException("epoll is Linux only; this is " + os);
      }
      try {
        Throwable sockets = TRANSPORT.probe();
        if (sockets != null) {
          return sockets;
        }
        int epfd = LibC.epoll_create1(LibC.EPOLL_CLOEXEC);
        if (epfd < 0) {
          return PosixErrno.exception("epoll_create1", PosixErrno.last());
        }
        LibC.close(epfd);
        return null;
      } catch (LinkageError | RuntimeException e) {
        // NoClassDefFoundError without the JNA jar, UnsatisfiedLinkError without its native part
        return new UnsupportedOperationException("JNA or libc cannot be loaded: " + e, e);
      }
    }
  }
}
