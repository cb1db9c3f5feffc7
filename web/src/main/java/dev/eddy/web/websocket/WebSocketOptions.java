package dev.eddy.web.websocket;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of a {@link WebSocketConnection} (Tornado's {@code websocket_*} settings and {@code
 * websocket_connect} arguments). Immutable; change one setting with the {@code with} methods.
 *
 * @param maxMessageSize the largest message received, in bytes, checked while frames arrive and
 *     again after inflation; a larger one closes the connection with 1009 (default 10 MiB)
 * @param pingInterval how often to send a ping, or null for never
 * @param pingTimeout how long after a ping some frame must have arrived, or the connection is
 *     closed; null means {@code pingInterval}
 * @param closeTimeout how long {@link WebSocketConnection#close} waits for the peer's close frame
 *     before closing the stream (default 5 s)
 * @param connectTimeout the client's limit for connecting and the TLS handshake (null: none); the
 *     HTTP upgrade exchange after it is not covered yet
 * @param compression permessage-deflate settings, or null to neither offer nor accept it
 */
public record WebSocketOptions(long maxMessageSize, Duration pingInterval, Duration pingTimeout,
    Duration closeTimeout, Duration connectTimeout, DeflateOptions compression) {

  /** 10 MiB messages, no pings, 5 s close timeout, no connect timeout, no compression. */
  public static final WebSocketOptions DEFAULTS = new WebSocketOptions(
      10L * 1024 * 1024, null, null, Duration.ofSeconds(5), null, null);

  /** @throws IllegalArgumentException for a size below 1 or a duration that is not positive */
  public WebSocketOptions {
    if (maxMessageSize < 1) {
      throw new IllegalArgumentException("maxMessageSize must be positive");
    }
    Objects.requireNonNull(closeTimeout, "closeTimeout");
    for (Duration d : new Duration[] {pingInterval, pingTimeout, closeTimeout, connectTimeout}) {
      if (d != null && (d.isNegative() || d.isZero())) {
        throw new IllegalArgumentException("durations must be positive, got " + d);
      }
    }
  }

  /** The ping timeout in effect: {@code pingTimeout}, or else {@code pingInterval}. */
  public Duration effectivePingTimeout() {
    return pingTimeout != null ? pingTimeout : pingInterval;
  }

  public WebSocketOptions withMaxMessageSize(long bytes) {
    return new WebSocketOptions(bytes, pingInterval, pingTimeout, closeTimeout, connectTimeout,
        compression);
  }

  public WebSocketOptions withPing(Duration interval, Duration timeout) {
    return new WebSocketOptions(maxMessageSize, interval, timeout, closeTimeout, connectTimeout,
        compression);
  }

  public WebSocketOptions withCloseTimeout(Duration t) {
    return new WebSocketOptions(maxMessageSize, pingInterval, pingTimeout, t, connectTimeout,
        compression);
  }

  public WebSocketOptions withConnectTimeout(Duration t) {
    return new WebSocketOptions(maxMessageSize, pingInterval, pingTimeout, closeTimeout, t,
        compression);
  }

  /** These options with permessage-deflate ({@code null}: off). */
  public WebSocketOptions withCompression(DeflateOptions c) {
    return new WebSocketOptions(maxMessageSize, pingInterval, pingTimeout, closeTimeout,
        connectTimeout, c);
  }
}
