package dev.eddy.examples.poll;

import com.sun.jna.Native;
import dev.eddy.loop.posix.jna.PosixErrno;
import dev.eddy.loop.posix.jna.PosixTransport;
import dev.eddy.loop.spi.Poller;
import dev.eddy.loop.spi.PollerProvider;
import dev.eddy.loop.spi.Transport;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code poll} backend: Eddy's loop over {@code poll(2)}, through JNA. An example of a poller
 * plugin, found by {@link java.util.ServiceLoader} through {@code
 * META-INF/services/dev.eddy.loop.spi.PollerProvider}.
 *
 * <p>Its {@linkplain #PRIORITY priority} is below every backend Eddy ships (nio is 0), so it is
 * never chosen by default, only by name: {@code -Deddy.poller=poll}, {@code EDDY_POLLER=poll} or
 * {@code IOLoop.create("poll")}.
 *
 * <p>Sockets and pipes come from Eddy's shared libc layer ({@link PosixTransport}, in {@code
 * eddy-loop-posix-jna}): a poll(2) poller needs file descriptors, which the JDK's channels do not
 * expose, and that layer makes them for any backend over raw descriptors, stamped with this
 * backend's name so that the poller can refuse anyone else's handles.
 *
 * <p>Constructing it does nothing. Availability is probed once, on first use, and never throws:
 * the probe needs a 64-bit JVM (see {@link LibC#poll}), a system the socket layer knows (Linux,
 * macOS, FreeBSD), JNA's native part, libc, a socket and one {@code poll(2)} call. Thread-safe.
 */
public final class PollProvider implements PollerProvider {

  /** The backend's name, what users select it by. */
  public static final String NAME = "poll";

  /**
   * Below nio's 0 (and far below epoll-netty 40, epoll-jna 30, kqueue 20): with nothing named,
   * any other available backend wins.
   */
  public static final int PRIORITY = -100;

  /** Public and without arguments, as {@link java.util.ServiceLoader} needs. Does nothing. */
  public PollProvider() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int priority() {
    return PRIORITY;
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
   * A new poller with its own wake-up pipe.
   *
   * @throws IllegalStateException if the backend is not available here (with the cause)
   * @throws IOException if the pipe cannot be made (for example out of descriptors)
   */
  @Override
  public Poller open() throws IOException {
    requireAvailable();
    return new PollPoller(Probe.TRANSPORT);
  }

  /**
   * The transport whose handles this backend's pollers accept: libc sockets and pipes, shared by
   * every poller of this backend. Thread-safe.
   *
   * @throws IllegalStateException if the backend is not available here (with the cause)
   */
  @Override
  public Transport transport() {
    requireAvailable();
    return Probe.TRANSPORT;
  }

  @Override
  public String toString() {
    return "PollerProvider[" + NAME + "]";
  }

  private static void requireAvailable() {
    if (Probe.CAUSE != null) {
      throw new IllegalStateException("the " + NAME + " backend is not available: " + Probe.CAUSE,
          Probe.CAUSE);
    }
  }

  /**
   * Runs the probe once, when availability is first asked for (the JVM initialises a nested class
   * on first use, thread-safely), so that merely loading the provider, as {@code ServiceLoader}
   * does for every backend on the class path, loads no native code.
   */
  private static final class Probe {

    private static final Logger log = LoggerFactory.getLogger(PollProvider.class);

    static final PosixTransport TRANSPORT;
    static final Throwable CAUSE;

    static {
      PosixTransport transport = null;
      Throwable cause;
      try {
        if (Native.LONG_SIZE != 8) {
          throw new UnsupportedOperationException("the poll backend needs a 64-bit JVM; "
              + "this one has a " + Native.LONG_SIZE * 8 + "-bit C long");
        }
        transport = PosixTransport.forHost(NAME); // throws on a system with no known socket ABI
        cause = transport.probe();
        if (cause == null && LibC.poll(null, 0, 0) < 0) {
          cause = PosixErrno.exception("poll", PosixErrno.last());
        }
      } catch (UnsupportedOperationException | IllegalArgumentException e) {
        cause = e;
      } catch (LinkageError | RuntimeException e) {
        // NoClassDefFoundError without the JNA jar, UnsatisfiedLinkError without its native part
        cause = new UnsupportedOperationException("JNA or libc cannot be loaded: " + e, e);
      }
      TRANSPORT = transport;
      CAUSE = cause;
      if (cause != null) {
        log.debug("the {} backend is not available: {}", NAME, cause.toString());
      }
    }

    private Probe() {}
  }
}
