package dev.eddy.loop.spi;

import java.io.IOException;
import java.net.SocketAddress;

/**
 * Makes the sockets and pipes that the pollers of one backend accept.
 *
 * <p>Addresses are {@link java.net.InetSocketAddress} (IPv4 or IPv6) or {@link
 * java.net.UnixDomainSocketAddress}. Every handle is non-blocking and close-on-exec. The methods
 * are thread-safe; the handles they return are used by one thread at a time.
 */
public interface Transport {

  /**
   * Binds and listens.
   *
   * @param address where to listen; port 0 asks the operating system for a free port, which
   *     {@link ServerSocketHandle#localAddress()} then gives
   * @param options backlog, reuse-address and reuse-port
   * @throws java.net.BindException if the address is in use or not available; the message names
   *     the address
   * @throws UnsupportedOperationException if {@code options.reusePort()} is asked for and the
   *     backend or operating system has no {@code SO_REUSEPORT}
   * @throws IllegalArgumentException for an address type the backend does not support
   * @throws IOException for other errors
   */
  ServerSocketHandle listen(SocketAddress address, ListenOptions options) throws IOException;

  /**
   * Starts a non-blocking connect. The socket reports WRITE (or ERROR) when the connect has
   * completed or failed; then {@link SocketHandle#finishConnect()} tells which. A connect that
   * completes at once (common on loopback) still reports WRITE.
   *
   * @param address the peer
   * @param options the local address to bind first (source address and port), if any
   * @throws java.net.ConnectException if the connect fails at once; the message names the reason
   *     and the address
   * @throws IllegalArgumentException for an address type the backend does not support
   * @throws IOException for other errors
   */
  SocketHandle connect(SocketAddress address, ConnectOptions options) throws IOException;

  /**
   * Makes an anonymous pipe.
   *
   * @throws UnsupportedOperationException if the backend has no pipes on this operating system
   * @throws IOException if the operating system cannot make one (for example too many open files)
   */
  PipeHandles pipe() throws IOException;
}
