package dev.eddy.stream;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * How {@link TcpClient} connects: the address family to use ({@link AddressFamily#UNSPEC}: both,
 * happy eyeballs), a source address and port to bind first (null and 0: the system's choice), a
 * timeout for the whole connect, resolving and TLS handshake included (null: none), the new
 * stream's {@link StreamOptions}, and TLS (null: plain TCP; without a server hostname in the
 * options the host connected to is used, for SNI and hostname verification). Immutable; change
 * one setting with the {@code with} methods.
 *
 * @param family the family of the addresses tried
 * @param sourceAddress the local address to bind, or null
 * @param sourcePort the local port to bind, or 0
 * @param timeout the longest the connect may take, or null
 * @param stream the stream's buffer options
 * @param tls client-side TLS options, or null
 */
public record ClientOptions(AddressFamily family, InetAddress sourceAddress, int sourcePort,
    Duration timeout, StreamOptions stream, TlsOptions tls) {

  /** Both families, no source address or port, no timeout, default stream options, no TLS. */
  public static final ClientOptions DEFAULTS =
      new ClientOptions(AddressFamily.UNSPEC, null, 0, null, StreamOptions.DEFAULTS, null);

  /**
   * @throws IllegalArgumentException for a source port outside 0..65535 or a timeout that is not
   *     positive
   */
  public ClientOptions {
    Objects.requireNonNull(family, "family");
    Objects.requireNonNull(stream, "stream");
    SystemResolver.checkPort(sourcePort);
    if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
      throw new IllegalArgumentException("the timeout must be positive, got " + timeout);
    }
  }

  public ClientOptions withFamily(AddressFamily f) {
    return new ClientOptions(f, sourceAddress, sourcePort, timeout, stream, tls);
  }

  public ClientOptions withSource(InetAddress address, int port) {
    return new ClientOptions(family, address, port, timeout, stream, tls);
  }

  public ClientOptions withTimeout(Duration t) {
    return new ClientOptions(family, sourceAddress, sourcePort, t, stream, tls);
  }

  public ClientOptions withStreamOptions(StreamOptions s) {
    return new ClientOptions(family, sourceAddress, sourcePort, timeout, s, tls);
  }

  /** These options with TLS (client side), or without (null). */
  public ClientOptions withTls(TlsOptions t) {
    return new ClientOptions(family, sourceAddress, sourcePort, timeout, stream, t);
  }
}
