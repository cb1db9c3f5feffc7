package dev.eddy.loop.kqueue;

import dev.eddy.loop.posix.jna.PosixErrno;
import dev.eddy.loop.posix.jna.PosixTransport;
import dev.eddy.loop.spi.Poller;
import dev.eddy.loop.spi.PollerProvider;
import dev.eddy.loop.spi.Transport;
import java.io.IOException;
import java.util.Locale;

/**
 * The {@code kqueue} backend: kqueue through JNA, on macOS, FreeBSD, or Linux with a
 * kqueue-compatible library named by {@code -Deddy.kqueue.library}. Priority 20 (below the epoll
 * backends, above nio). Sockets and pipes are the shared POSIX layer's ({@link PosixTransport}),
 * in the host's ABI: on Linux with libkqueue they are Linux sockets.
 *
 * <p>System properties, read once when the backend is first probed:
 *
 * <ul>
 *   <li>{@value #LIBRARY_PROPERTY}: the library with {@code kqueue} and {@code kevent}, a name or
 *       a path (default: the C library).</li>
 *   <li>{@code eddy.kqueue.abi} = {@code macos|freebsd|freebsd11}: the {@code struct kevent}
 *       layout and filter numbers (default: from the OS; {@code freebsd11}, libkqueue's, on
 *       Linux). See {@link KeventAbi}.</li>
 *   <li>{@value #WAKER_PROPERTY} = {@code user|pipe}: how the poller is woken (default {@code
 *       user}, {@code EVFILT_USER}; a pipe is used anyway where that filter is refused).</li>
 * </ul>
 *
 * <p>Availability is probed once, on first use, and never throws: the probe selects the {@link
 * KeventAbi}, loads JNA and the library, creates (and closes) one kqueue and one socket. Loading
 * this class touches none of that. Thread-safe.
 */
public final class KqueueProvider implements PollerProvider {

  /** The backend's name. */
  public static final String NAME = "kqueue";
  /** The system property naming the kqueue library. */
  public static final String LIBRARY_PROPERTY = LibC.PROPERTY;
  /** The system property choosing the waker: {@code user} or {@code pipe}. */
  public static final String WAKER_PROPERTY = "eddy.kqueue.waker";

  /** A libkqueue kqueue kept open for the life of the process (see the probe), or -1. */
  private static volatile int anchor = -1;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int priority() {
    return 20;
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
    return new KqueuePoller(Probe.LIB, Probe.ABI, Probe.TRANSPORT, Probe.PIPE_WAKER);
  }

  @Override
  public Transport transport() {
    requireAvailable();
    return Probe.TRANSPORT;
  }

  private static void requireAvailable() {
    if (Probe.CAUSE != null) {
      throw new IllegalStateException("the kqueue backend is not available: " + Probe.CAUSE,
          Probe.CAUSE);
    }
  }

  @Override
  public String toString() {
    return "PollerProvider[kqueue]";
  }

  /** Why the backend cannot run with this ABI choice and library, or null; never throws. */
  static Throwable probe(String abiProperty, String osName) {
    try {
      KeventAbi.select(abiProperty, osName);
    } catch (IllegalArgumentException e) {
      return new UnsupportedOperationException(e.getMessage(), e);
    }
    return probeLibrary(new KqueueNative[1]);
  }

  /**
   * True for the pipe waker, false for EVFILT_USER.
   *
   * @throws IllegalArgumentException for another value, naming the property and the choices
   */
  static boolean pipeWaker(String value) {
    String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
    if (v.isEmpty() || v.equals("user")) {
      return false;
    }
    if (v.equals("pipe")) {
      return true;
    }
    throw new IllegalArgumentException("-D" + WAKER_PROPERTY + "=" + value
        + " is not a waker; use user or pipe");
  }

  private static Throwable probeLibrary(KqueueNative[] out) {
    try {
      KqueueNative lib = new KqueueLibrary();
      int kq = lib.kqueue();
      if (kq < 0) {
        return PosixErrno.exception("kqueue", lib.lastErrno());
      }
      if (anchor < 0 && lib instanceof KqueueLibrary && ((KqueueLibrary) lib).isUserspace()) {
        // libkqueue starts a monitoring thread, with an epoll instance and an eventfd of its own,
        // when its first kqueue opens and stops it when the last one closes. Keeping this one
        // open for the life of the process keeps that thread and its two descriptors for good,
        // rather than coming and going with each poller.
        anchor = kq;
      } else {
        lib.close(kq);
      }
      out[0] = lib;
      return null;
    } catch (LinkageError | RuntimeException e) {
      // NoClassDefFoundError without JNA, UnsatisfiedLinkError without a kqueue symbol
      return new UnsupportedOperationException("no kqueue in " + libraryName() + ": " + e, e);
    }
  }

  private static String libraryName() {
    String name = System.getProperty(LibC.PROPERTY);
    return name == null || name.isBlank() ? "the C library" : name;
  }

  /** Runs the probe once, when availability is first asked for. */
  private static final class Probe {
    static final KeventAbi ABI;
    static final KqueueNative LIB;
    static final PosixTransport TRANSPORT;
    static final boolean PIPE_WAKER;
    static final Throwable CAUSE;

    static {
      KeventAbi abi = null;
      KqueueNative[] lib = new KqueueNative[1];
      PosixTransport transport = null;
      boolean pipe = false;
      Throwable cause;
      try {
        abi = KeventAbi.current();
        pipe = pipeWaker(System.getProperty(WAKER_PROPERTY));
        transport = PosixTransport.forHost(NAME);
        cause = probeLibrary(lib);
        if (cause == null) {
          cause = transport.probe();
        }
      } catch (IllegalArgumentException e) {
        cause = new UnsupportedOperationException(e.getMessage(), e);
      }
      ABI = abi;
      LIB = lib[0];
      TRANSPORT = transport;
      PIPE_WAKER = pipe;
      CAUSE = cause;
    }
  }
}
