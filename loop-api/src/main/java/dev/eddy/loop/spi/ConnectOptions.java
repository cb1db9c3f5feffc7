package dev.eddy.loop.spi;

import java.net.SocketAddress;

/**
 * How to connect: the local address to bind before connecting (Tornado's {@code source_ip} and
 * {@code source_port}). Socket options are set on the returned handle, before or after the connect
 * completes. Immutable.
 *
 * @param localAddress the address to bind first, or null to let the operating system choose
 */
public record ConnectOptions(SocketAddress localAddress) {

  /** No local binding. */
  public static final ConnectOptions DEFAULTS = new ConnectOptions(null);

  /** Options that bind to {@code localAddress} before connecting. */
  public static ConnectOptions bindTo(SocketAddress localAddress) {
    return new ConnectOptions(localAddress);
  }
}
