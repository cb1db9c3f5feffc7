package dev.eddy.stream;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Objects;

/**
 * The address family a {@link Resolver} is asked for: Tornado's {@code AF_UNSPEC}, {@code
 * AF_INET} and {@code AF_INET6}. Immutable; thread-safe.
 */
public enum AddressFamily {

  /** Any family: IPv4 and IPv6 addresses alike. */
  UNSPEC,
  /** IPv4 addresses only. */
  INET,
  /** IPv6 addresses only. */
  INET6;

  /**
   * True if {@code address} belongs to this family: {@link #UNSPEC} accepts every address,
   * {@link #INET} an {@link Inet4Address}, {@link #INET6} an {@link Inet6Address}. An IPv4-mapped
   * IPv6 literal ({@code ::ffff:1.2.3.4}) is an {@link Inet4Address} to the JDK, so it is IPv4
   * here too.
   *
   * @throws NullPointerException if {@code address} is null
   */
  public boolean accepts(InetAddress address) {
    Objects.requireNonNull(address, "address");
    switch (this) {
      case INET:
        return address instanceof Inet4Address;
      case INET6:
        return address instanceof Inet6Address;
      default:
        return true;
    }
  }

  /**
   * The family of {@code address}: {@link #INET} or {@link #INET6}; {@link #UNSPEC} for null (an
   * unresolved socket address has no {@link InetAddress}) or an address of another kind.
   */
  public static AddressFamily of(InetAddress address) {
    if (address instanceof Inet4Address) {
      return INET;
    }
    if (address instanceof Inet6Address) {
      return INET6;
    }
    return UNSPEC;
  }
}
