package dev.eddy.loop.kqueue;

import dev.eddy.loop.spi.Poller;
import dev.eddy.loop.spi.PollerProvider;
import dev.eddy.loop.spi.Transport;
import java.io.IOException;

/**
 * The {@code kqueue} backend: kqueue through JNA, on macOS, FreeBSD, or Linux with a
 * kqueue-compatible library named by {@code -Deddy.kqueue.library}. Priority 20.
 *
 * <p>Work in progress: {@link #open()} gives a working poller, but there is no transport yet, so
 * {@link #transport()} throws {@link UnsupportedOperationException} and the provider is not listed
 * in {@code META-INF/services}.
 *
 * <p>Availability is probed once, on first use, and never throws: the probe selects the {@link
 * KeventAbi}, loads JNA and the library, and creates (and closes) one kqueue. Loading this class
 * touches none of that. Thread-safe.
 */
public final class KqueueProvider implements PollerProvider {

  /** The backend's name. */
  public static final String NAME = "kqueue";

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
    return new KqueuePoller(Probe.LIB, Probe.ABI);
  }

  @Override
  public Transport transport() {
    requireAvailable();
    throw new UnsupportedOperationException("the kqueue transport is not written yet (issue 5)");
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

  private static Throwable probeLibrary(KqueueNative[] out) {
    try {
      KqueueNative lib = new KqueueLibrary();
      int kq = lib.kqueue();
      if (kq < 0) {
        return BsdErrno.exception("kqueue", lib.lastErrno());
      }
      lib.close(kq);
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
    static final Throwable CAUSE;

    static {
      KeventAbi abi = null;
      KqueueNative[] lib = new KqueueNative[1];
      Throwable cause;
      try {
        abi = KeventAbi.current();
        cause = probeLibrary(lib);
      } catch (IllegalArgumentException e) {
        cause = new UnsupportedOperationException(e.getMessage(), e);
      }
      ABI = abi;
      LIB = lib[0];
      CAUSE = cause;
    }
  }
}
