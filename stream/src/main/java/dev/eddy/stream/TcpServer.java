package dev.eddy.stream;

import dev.eddy.loop.IOLoop;
import dev.eddy.loop.Timeout;
import dev.eddy.loop.spi.ListenOptions;
import dev.eddy.loop.spi.ServerSocketHandle;
import dev.eddy.loop.spi.SocketHandle;
import java.io.IOException;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TCP (or Unix-domain) server on one loop: Tornado's {@code TCPServer}. Give it a {@link
 * StreamHandler} or override {@link #handleStream}; then {@link #listen(int, String)}, or bind
 * sockets yourself and {@link #addSockets}. Each accepted connection becomes an {@link IOStream}
 * with the server's {@link StreamOptions} and is handed to the handler; an exception there (or a
 * failed stage it returns) is logged and the connection closed. {@link #stop()} closes the
 * listening sockets only: connections keep running. With {@link TlsOptions} every connection is
 * an {@link SslIOStream}. For one loop per core see {@link TcpServerGroup}.
 *
 * <p>Accepting takes up to 128 connections per readiness event, as Tornado does, so a burst does
 * not starve the other connections of the loop. If accepting fails (the process is out of
 * descriptors and the backend could not shed the connection), the error is logged and the
 * listener pauses for one second instead of being reported ready again at once: Netty's answer
 * to the same problem.
 *
 * <p>Threading: create, listen, add and stop on the loop's thread (or before the loop runs).
 * Errors: {@code listen} throws the bind error ({@code BindException} naming the address in use).
 */
public class TcpServer {

  private static final Logger log = LoggerFactory.getLogger(TcpServer.class);
  /** Connections accepted per readiness event at most. */
  static final int ACCEPTS_PER_EVENT = 128;
  /** How long a listener whose accept failed rests. */
  static final Duration ACCEPT_PAUSE = Duration.ofSeconds(1);

  private final IOLoop loop;
  private final StreamHandler handler;
  private final StreamOptions streamOptions;
  private final TlsOptions tls;
  private final List<ServerSocketHandle> sockets = new ArrayList<>();
  private final List<Timeout> pauses = new ArrayList<>();
  private boolean stopped;

  /** A server whose subclass overrides {@link #handleStream}. */
  protected TcpServer(IOLoop loop, StreamOptions streamOptions) {
    this(loop, streamOptions, null);
  }

  /**
   * A server whose subclass overrides {@link #handleStream}, with TLS.
   *
   * @param tls server-side TLS options ({@link TlsOptions#server}), or null for plain TCP
   */
  protected TcpServer(IOLoop loop, StreamOptions streamOptions, TlsOptions tls) {
    this.loop = Objects.requireNonNull(loop, "loop");
    this.handler = null;
    this.streamOptions = Objects.requireNonNull(streamOptions, "streamOptions");
    this.tls = tls;
  }

  /** A server that hands connections to {@code handler}, with the default stream options. */
  public TcpServer(IOLoop loop, StreamHandler handler) {
    this(loop, handler, StreamOptions.DEFAULTS);
  }

  /** A server that hands connections to {@code handler}. */
  public TcpServer(IOLoop loop, StreamHandler handler, StreamOptions streamOptions) {
    this(loop, handler, streamOptions, null);
  }

  /**
   * A server that hands connections to {@code handler}; with TLS options, every accepted
   * connection is an {@link SslIOStream} whose handshake starts at once (the handler may read and
   * write right away: both wait for the handshake; a failed handshake closes the stream, logged).
   *
   * @param tls server-side TLS options ({@link TlsOptions#server}), or null for plain TCP
   */
  public TcpServer(IOLoop loop, StreamHandler handler, StreamOptions streamOptions,
      TlsOptions tls) {
    this.loop = Objects.requireNonNull(loop, "loop");
    this.handler = Objects.requireNonNull(handler, "handler");
    this.streamOptions = Objects.requireNonNull(streamOptions, "streamOptions");
    this.tls = tls;
  }

  /** The loop the server runs on. */
  public final IOLoop loop() {
    return loop;
  }

  /**
   * Listens on {@code port} (0 for an ephemeral one) on every interface.
   *
   * @return the addresses listened on
   * @throws IOException if the port cannot be bound
   */
  public final List<SocketAddress> listen(int port) throws IOException {
    return listen(port, null, ListenOptions.DEFAULTS);
  }

  /** {@link #listen(int, String, ListenOptions)} with the default options (backlog 128). */
  public final List<SocketAddress> listen(int port, String address) throws IOException {
    return listen(port, address, ListenOptions.DEFAULTS);
  }

  /**
   * Listens on {@code port} on every address {@code address} resolves to (null: every
   * interface); with port 0 all of them share one ephemeral port. Resolving a name blocks.
   *
   * @return the addresses listened on
   * @throws IOException if a socket cannot be bound; none stays open then
   * @throws UnsupportedOperationException if {@code options} ask for {@code SO_REUSEPORT} and the
   *     backend cannot
   * @throws IllegalStateException once stopped
   */
  public final List<SocketAddress> listen(int port, String address, ListenOptions options)
      throws IOException {
    checkNotStopped();
    List<ServerSocketHandle> bound = Listeners.bind(loop.transport(), port, address,
        AddressFamily.UNSPEC, options);
    addSockets(bound);
    List<SocketAddress> result = new ArrayList<>();
    for (ServerSocketHandle s : bound) {
      result.add(s.localAddress());
    }
    return result;
  }

  /**
   * Starts accepting on sockets bound elsewhere (by {@code loop.transport().listen}); the server
   * owns them from now on and closes them in {@link #stop()}.
   *
   * @throws IllegalStateException once stopped
   */
  public final void addSockets(List<ServerSocketHandle> listeners) {
    checkNotStopped();
    for (ServerSocketHandle s : listeners) {
      addSocket(s);
    }
  }

  /** {@link #addSockets} of one socket. */
  public final void addSocket(ServerSocketHandle listener) {
    checkNotStopped();
    sockets.add(listener);
    loop.addHandler(listener, IOLoop.READ, (h, events) -> accept(listener));
  }

  /** The addresses the server listens on (empty once stopped). */
  public final List<SocketAddress> addresses() {
    List<SocketAddress> result = new ArrayList<>();
    for (ServerSocketHandle s : sockets) {
      result.add(s.localAddress());
    }
    return result;
  }

  /**
   * Stops listening: the listening sockets are closed, connections already accepted keep going.
   * Idempotent.
   */
  public final void stop() {
    if (stopped) {
      return;
    }
    stopped = true;
    for (Timeout t : pauses) {
      loop.removeTimeout(t);
    }
    pauses.clear();
    for (ServerSocketHandle s : sockets) {
      loop.removeHandler(s);
    }
    Listeners.closeAll(sockets);
    sockets.clear();
  }

  private void checkNotStopped() {
    if (stopped) {
      throw new IllegalStateException("the server was stopped; make a new one");
    }
  }

  private void accept(ServerSocketHandle listener) {
    for (int i = 0; i < ACCEPTS_PER_EVENT && !stopped; i++) {
      SocketHandle socket;
      try {
        socket = listener.accept();
      } catch (IOException e) {
        log.error("Accept on {} failed; pausing it for {} ms", listener, ACCEPT_PAUSE.toMillis(),
            e);
        pause(listener);
        return;
      }
      if (socket == null) {
        return;
      }
      dispatch(socket);
    }
  }

  private void pause(ServerSocketHandle listener) {
    loop.removeHandler(listener);
    Timeout[] t = new Timeout[1];
    t[0] = loop.callLater(ACCEPT_PAUSE, () -> {
      pauses.remove(t[0]);
      if (!stopped && listener.isOpen()) {
        loop.addHandler(listener, IOLoop.READ, (h, events) -> accept(listener));
      }
    });
    pauses.add(t[0]);
  }

  /** Where an accepted socket goes: this server's handler; an acceptor hands it to a loop. */
  void dispatch(SocketHandle socket) {
    onAccepted(socket);
  }

  /**
   * Wraps an accepted socket in a stream and hands it to the handler. Also the entry for sockets
   * accepted elsewhere and handed to this server's loop ({@link TcpServerGroup}); loop thread.
   */
  final void onAccepted(SocketHandle socket) {
    SocketAddress peer = socket.remoteAddress();
    IOStream stream;
    try {
      stream = wrap(socket);
    } catch (RuntimeException e) {
      log.error("Cannot make a stream for the connection from {}", peer, e);
      closeQuietly(socket);
      return;
    }
    CompletionStage<?> done;
    try {
      done = handleStream(stream, peer);
    } catch (Exception e) {
      log.error("Error in the connection handler for {}", peer, e);
      stream.close(e);
      return;
    }
    if (done != null) {
      done.whenComplete((v, e) -> {
        if (e != null) {
          log.error("Error in the connection handler for {}", peer, e);
          stream.close(e);
        }
      });
    }
  }

  /** Makes the stream for an accepted socket; a TLS server makes a TLS stream. */
  IOStream wrap(SocketHandle socket) {
    return tls == null ? new IOStream(loop, socket, streamOptions)
        : new SslIOStream(loop, socket, tls, streamOptions);
  }

  /**
   * Handles one connection. The default calls the handler given to the constructor.
   *
   * @return null, or a stage whose failure is logged and closes the stream
   * @throws Exception anything; logged, and the stream is closed
   */
  protected CompletionStage<?> handleStream(IOStream stream, SocketAddress address)
      throws Exception {
    if (handler == null) {
      throw new UnsupportedOperationException("a TcpServer made without a StreamHandler must "
          + "override handleStream");
    }
    return handler.handleStream(stream, address);
  }

  private static void closeQuietly(SocketHandle socket) {
    try {
      socket.close();
    } catch (IOException e) {
      log.debug("Error closing {}", socket, e);
    }
  }

  @Override
  public String toString() {
    return "TcpServer[" + addresses() + (stopped ? ", stopped" : "") + "]";
  }
}
