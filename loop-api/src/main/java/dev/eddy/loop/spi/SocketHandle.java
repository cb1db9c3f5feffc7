package dev.eddy.loop.spi;

import java.io.IOException;
import java.net.SocketAddress;
import java.net.SocketOption;

/**
 * A TCP or Unix-domain stream socket made by {@link Transport#connect} or accepted by {@link
 * ServerSocketHandle#accept()}.
 *
 * <p>A connecting socket reports WRITE (or ERROR) when the connect has completed or failed; the
 * owner then calls {@link #finishConnect()}. Threading: one thread at a time, normally the loop's.
 */
public interface SocketHandle extends StreamHandle {

  /**
   * Completes a non-blocking connect.
   *
   * @return true if the socket is connected (also when it already was), false if the connect is
   *     still in progress
   * @throws java.net.ConnectException if the connect failed; the message carries the operating
   *     system's reason (for example "Connection refused") and the address
   * @throws IOException for other errors
   */
  boolean finishConnect() throws IOException;

  /** True once the socket is connected (after a successful {@link #finishConnect()}). */
  boolean isConnected();

  /**
   * Shuts down the output side: the peer reads end of stream, and this side can still read.
   *
   * @throws IOException if the socket is not connected or closed
   */
  void shutdownOutput() throws IOException;

  /** The local address, or null if the socket is closed. */
  SocketAddress localAddress();

  /** The peer's address, or null if not connected or closed. */
  SocketAddress remoteAddress();

  /**
   * Sets a socket option ({@code TCP_NODELAY}, {@code SO_KEEPALIVE}, {@code SO_SNDBUF}, {@code
   * SO_RCVBUF}, {@code SO_LINGER}, ...; see {@link java.net.StandardSocketOptions}).
   *
   * @throws UnsupportedOperationException if this socket does not support the option (for
   *     example {@code TCP_NODELAY} on a Unix-domain socket)
   * @throws IOException if the operating system rejects the value
   */
  <T> void setOption(SocketOption<T> option, T value) throws IOException;

  /**
   * Reads a socket option.
   *
   * @throws UnsupportedOperationException if this socket does not support the option
   * @throws IOException if the operating system reports an error
   */
  <T> T getOption(SocketOption<T> option) throws IOException;
}
