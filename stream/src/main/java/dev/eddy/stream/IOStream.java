package dev.eddy.stream;

import dev.eddy.loop.IOLoop;
import dev.eddy.loop.spi.ConnectOptions;
import dev.eddy.loop.spi.SocketHandle;
import java.io.IOException;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link BaseIOStream} over a socket of the loop's backend (TCP or Unix-domain): Tornado's
 * {@code IOStream}. Make one around an accepted socket with {@link #IOStream(IOLoop,
 * SocketHandle)}, or connect one with {@link #connect(IOLoop, SocketAddress)}.
 *
 * <p>Threading: the loop's thread only, like every stream.
 */
public class IOStream extends BaseIOStream {

  private static final Logger log = LoggerFactory.getLogger(IOStream.class);

  private final SocketHandle socket;
  private final CompletableFuture<IOStream> connected = new CompletableFuture<>();

  /** A stream over a connected socket (an accepted one), with the default options. */
  public IOStream(IOLoop loop, SocketHandle socket) {
    this(loop, socket, StreamOptions.DEFAULTS);
  }

  /** A stream over a connected socket with these options. */
  public IOStream(IOLoop loop, SocketHandle socket, StreamOptions options) {
    super(loop, socket, options);
    this.socket = socket;
    if (socket.isConnected()) {
      connected.complete(this);
    }
  }

  /** {@link #connect(IOLoop, SocketAddress, ConnectOptions, StreamOptions)} with defaults. */
  public static CompletableFuture<IOStream> connect(IOLoop loop, SocketAddress address) {
    return connect(loop, address, ConnectOptions.DEFAULTS, StreamOptions.DEFAULTS);
  }

  /**
   * Connects a new socket to {@code address} (already resolved) and completes with its stream
   * once connected. A failed connect fails the future with a {@link StreamClosedException} whose
   * cause is the error ({@code ConnectException: connect(..) failed: Connection refused
   * (ECONNREFUSED): /127.0.0.1:9}, or the JDK's words on the nio backend); so does a socket that
   * cannot be made (too many open files).
   *
   * @throws IllegalArgumentException for an address the backend cannot connect to (unresolved,
   *     or of an unsupported kind)
   */
  public static CompletableFuture<IOStream> connect(IOLoop loop, SocketAddress address,
      ConnectOptions connectOptions, StreamOptions options) {
    try {
      return startConnect(loop, address, connectOptions, options).whenConnected();
    } catch (IOException e) {
      return CompletableFuture.failedFuture(new StreamClosedException(e));
    }
  }

  /**
   * Starts connecting a new socket to {@code address} and returns its stream at once, as
   * Tornado's {@code IOStream(socket).connect(address)}: writes made before {@link
   * #whenConnected()} completes are queued and sent once connected.
   *
   * @throws IOException if no socket can be made
   * @throws IllegalArgumentException for an address the backend cannot connect to
   */
  public static IOStream startConnect(IOLoop loop, SocketAddress address,
      ConnectOptions connectOptions, StreamOptions options) throws IOException {
    SocketHandle s = loop.transport().connect(address, connectOptions);
    IOStream stream = new IOStream(loop, s, options);
    if (!s.isConnected()) {
      stream.connecting = true;
      stream.addIoState(IOLoop.WRITE);
    }
    return stream;
  }

  /**
   * Completes with this stream once it is connected (at once for an accepted one); fails with a
   * {@link StreamClosedException} carrying the error if the connect fails or the stream is closed
   * first.
   */
  public final CompletableFuture<IOStream> whenConnected() {
    return connected;
  }

  @Override
  void handleConnect() {
    boolean done;
    try {
      done = socket.finishConnect();
    } catch (IOException e) {
      doClose(e);
      return;
    }
    if (!done) {
      return; // a spurious wake-up: still connecting
    }
    connecting = false;
    deliver(() -> connected.complete(this));
  }

  @Override
  void failConnect(StreamClosedException e) {
    if (!connected.isDone()) {
      deliver(() -> connected.completeExceptionally(e));
    }
  }

  /** The socket under the stream. */
  public final SocketHandle socket() {
    return socket;
  }

  /** The local address, or null once closed. */
  public final SocketAddress localAddress() {
    return socket.localAddress();
  }

  /** The peer's address, or null if not connected (yet or any more). */
  public final SocketAddress remoteAddress() {
    return socket.remoteAddress();
  }

  /**
   * Turns Nagle's algorithm off (true) or on. Ignored where it does not apply (a Unix-domain
   * socket) and on a closed stream, as in Tornado.
   */
  public final void setNoDelay(boolean noDelay) {
    if (closed()) {
      return;
    }
    try {
      socket.setOption(StandardSocketOptions.TCP_NODELAY, noDelay);
    } catch (UnsupportedOperationException e) {
      log.debug("TCP_NODELAY does not apply to {}", socket);
    } catch (IOException e) {
      log.debug("setNoDelay({}) on {} failed: {}", noDelay, socket, e.toString());
    }
  }

  @Override
  public String toString() {
    return "IOStream[" + Objects.toString(socket) + (closed() ? ", closed" : "") + "]";
  }
}
