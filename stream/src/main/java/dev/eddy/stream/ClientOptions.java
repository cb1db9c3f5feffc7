package dev.eddy.stream;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * How {@link TcpClient} connects: the address family to use ({@link AddressFamily#UNSPEC}: both,
 * happy eyeballs), a source address and port to bind first (null and 0: the system's choice), a
 * timeout for the whole connect, resolving included (null: none), and the new stream's {@link
 * StreamOptions}. Immutable; change one setting with the {@code with} methods.
 *
 * @param family the family of the addresses tried
 * @param sourceAddress the local address to bind, or null
 * @param sourcePort the local port to bind, or 0
 * @param timeout the longest the connect may take, or null
 * @param stream the stream's buffer options
 */
public record ClientOptions(AddressFamily family, InetAddress sourceAddress, int sourcePort,
    Duration timeout, StreamOptions stream) {

  /** Both families, no source address or port, no timeout, default stream options. */
  public static final ClientOptions DEFAULTS =
      new ClientOptions(AddressFamily.UNSPEC, null, 0, null, StreamOptions.DEFAULTS);

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
    return new ClientOptions(f, sourceAddress, sourcePort, timeout, stream);
  }

  public ClientOptions withSource(InetAddress address, int port) {
    return new ClientOptions(family, address, port, timeout, stream);
  }

  public ClientOptions withTimeout(Duration t) {
    return new ClientOptions(family, sourceAddress, sourcePort, t, stream);
  }

  public ClientOptions withStreamOptions(StreamOptions s) {
    return new ClientOptions(family, sourceAddress, sourcePort, timeout, s);
  }
}
