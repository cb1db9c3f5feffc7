package dev.eddy.loop.spi;

/**
 * How to listen: the accept backlog, {@code SO_REUSEADDR}, {@code SO_REUSEPORT} and, for IPv6,
 * whether to refuse IPv4 peers.
 *
 * <p>{@link #DEFAULTS} is Tornado's {@code bind_sockets}: backlog 128, reuse-address on,
 * reuse-port off; an IPv6 listener is dual-stack (it also accepts IPv4 peers, as the JDK's are).
 * Immutable.
 *
 * @param backlog the accept queue length, at least 1
 * @param reuseAddress set {@code SO_REUSEADDR} (ignored for Unix-domain sockets)
 * @param reusePort set {@code SO_REUSEPORT}, so that several sockets (one per loop) can listen on
 *     one port
 * @param ipv6Only for an IPv6 address, set {@code IPV6_V6ONLY}: accept IPv6 peers only. A backend
 *     that cannot set it throws {@link UnsupportedOperationException} from {@link
 *     Transport#listen}; ignored for other addresses
 */
public record ListenOptions(int backlog, boolean reuseAddress, boolean reusePort,
    boolean ipv6Only) {

  /** Backlog 128, reuse-address on, reuse-port off, dual-stack. */
  public static final ListenOptions DEFAULTS = new ListenOptions(128, true, false, false);

  /**
   * @throws IllegalArgumentException if {@code backlog} is less than 1
   */
  public ListenOptions {
    if (backlog < 1) {
      throw new IllegalArgumentException("backlog must be at least 1, got " + backlog);
    }
  }

  /** A copy with the given backlog. */
  public ListenOptions withBacklog(int newBacklog) {
    return new ListenOptions(newBacklog, reuseAddress, reusePort, ipv6Only);
  }

  /** A copy with {@code SO_REUSEADDR} set or not. */
  public ListenOptions withReuseAddress(boolean on) {
    return new ListenOptions(backlog, on, reusePort, ipv6Only);
  }

  /** A copy with {@code SO_REUSEPORT} set or not. */
  public ListenOptions withReusePort(boolean on) {
    return new ListenOptions(backlog, reuseAddress, on, ipv6Only);
  }

  /** A copy whose IPv6 listener accepts IPv6 peers only ({@code IPV6_V6ONLY}), or both. */
  public ListenOptions withIpv6Only(boolean on) {
    return new ListenOptions(backlog, reuseAddress, reusePort, on);
  }
}
