package dev.eddy.loop.spi;

import java.io.IOException;

/**
 * One backend, found through {@link java.util.ServiceLoader}: list the implementation in {@code
 * META-INF/services/dev.eddy.loop.spi.PollerProvider}. It needs a public no-argument constructor,
 * and constructing it must not fail or load native code: availability is probed in {@link
 * #isAvailable()}.
 *
 * <p>Threading: all methods are thread-safe.
 */
public interface PollerProvider {

  /** The name users select it by ({@code -Deddy.poller=NAME}): "nio", "epoll-jna", ... */
  String name();

  /**
   * The rank among available backends when none is named; the highest wins. Eddy's own: {@code
   * epoll-netty} 40, {@code epoll-jna} 30, {@code kqueue} 20, {@code nio} 0.
   */
  int priority();

  /** True if the backend can run here (operating system, native library). Probed once. */
  boolean isAvailable();

  /** Why the backend is not available, or null if it is. */
  Throwable unavailabilityCause();

  /**
   * Opens a new poller.
   *
   * @throws IllegalStateException if the backend is not available (with the cause)
   * @throws IOException if the operating system cannot make one (for example too many open files)
   */
  Poller open() throws IOException;

  /**
   * The transport whose handles this backend's pollers accept.
   *
   * @throws IllegalStateException if the backend is not available (with the cause)
   */
  Transport transport();
}
