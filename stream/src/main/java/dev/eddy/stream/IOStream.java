package dev.eddy.stream;

import dev.eddy.loop.IOLoop;
import dev.eddy.loop.spi.ConnectOptions;
import dev.eddy.loop.spi.SocketHandle;
import java.io.IOException;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link BaseIOStream} over a socket of the loop's backend (TCP or Unix-domain): Tornado's
 * {@code IOStream}. Make one around an accepted socket with {@link #IOStream(IOLoop,
 * SocketHandle)}, or connect one with {@link #connect(IOLoop, SocketAddress)}; {@link
 * #startTls(TlsOptions, boolean)} moves an idle one's socket to a {@link SslIOStream}.
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

  /**
   * Turns this plain stream into a TLS stream over the same socket, as Tornado's {@code
   * start_tls} (an SMTP server after {@code STARTTLS}): the socket moves to a new {@link
   * SslIOStream} with the same {@link StreamOptions}, which starts the handshake at once; this
   * stream is closed without closing the socket, and its close callback moves to the new stream.
   * Completes with the new stream once the handshake is done; fails with a {@link
   * StreamClosedException} carrying the error if it fails.
   *
   * <p>The stream must be idle: no read or write pending, nothing buffered for reading (bytes
   * read ahead would belong to the TLS stream). For the client side ({@code serverSide} false),
   * the options must name the server unless verification is off ({@link
   * TlsOptions#clientWithoutHostnameVerification}).
   *
   * @return fails with {@link StreamClosedException} at once on a closed stream
   * @throws IllegalStateException if the stream is not idle ("startTls needs an idle stream: ...")
   *     or speaks TLS already
   * @throws IllegalArgumentException if the options do not fit the side (a client without a host
   *     name to verify) or name a protocol or suite the context lacks
   */
  public CompletableFuture<SslIOStream> startTls(TlsOptions options, boolean serverSide) {
    Objects.requireNonNull(options, "options");
    if (closed()) {
      return CompletableFuture.failedFuture(new StreamClosedException(error()));
    }
    String busy = null;
    if (connecting) {
      busy = "a connect is in progress";
    } else if (reading()) {
      busy = "a read is pending";
    } else if (writing()) {
      busy = "a write is pending";
    } else if (bufferedReadBytes() > 0) {
      busy = bufferedReadBytes() + " bytes are buffered for reading";
    }
    if (busy != null) {
      throw new IllegalStateException("startTls needs an idle stream: " + busy + " on " + this);
    }
    // The engine first: options it rejects leave this stream as it was.
    SSLEngine engine = SslIOStream.newEngine(options, serverSide, remoteAddress());
    Runnable closeCallback = closeCallback();
    detach();
    SslIOStream tls = SslIOStream.overConnected(loop, socket, this.options, engine);
    if (closeCallback != null) {
      tls.setCloseCallback(closeCallback);
    }
    return tls.waitForHandshake();
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
