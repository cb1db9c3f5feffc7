package dev.eddy.http;

import dev.eddy.loop.IOLoop;
import dev.eddy.stream.IOStream;
import dev.eddy.stream.LoopGroup;
import dev.eddy.stream.TcpServer;
import dev.eddy.stream.TcpServerGroup;
import java.io.IOException;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An HTTP/1.1 server on one loop: Tornado's {@code HTTPServer}. Give it a {@link
 * HttpRequestHandler} (whole requests) or a {@link HttpServerConnectionDelegate} (streamed
 * bodies), then {@code listen} as any {@link TcpServer}.
 *
 * <p>Each connection reads requests one after another (keep-alive: HTTP/1.1 by default, HTTP/1.0
 * with {@code Connection: keep-alive}); pipelined requests are answered in order, since the next
 * request is read only once the previous response is finished. Peer errors get one response with
 * the RFC's status and the connection is closed (see {@link Http1Connection}). Over {@link
 * HttpServerOptions#maxConnections()}, new connections are accepted and closed at once.
 *
 * <p>{@link #stop()} stops listening (connections carry on); {@link #closeAllConnections()} closes
 * them. For several cores, {@link #listenOnGroup}. Threading: the loop's thread.
 */
public class HttpServer extends TcpServer {

  private static final Logger log = LoggerFactory.getLogger(HttpServer.class);

  private final HttpServerConnectionDelegate delegate;
  private final HttpServerOptions options;
  private final Set<Http1Connection> connections = new LinkedHashSet<>();
  private long refused;

  /** A server calling {@code handler} for each whole request, with default options. */
  public HttpServer(IOLoop loop, HttpRequestHandler handler) {
    this(loop, handler, HttpServerOptions.DEFAULTS);
  }

  /** A server calling {@code handler} for each whole request. */
  public HttpServer(IOLoop loop, HttpRequestHandler handler, HttpServerOptions options) {
    this(loop, new RequestCollector(Objects.requireNonNull(handler, "handler"), options),
        options);
  }

  /** A server handing each request, as it streams in, to {@code delegate}'s delegates. */
  public HttpServer(IOLoop loop, HttpServerConnectionDelegate delegate,
      HttpServerOptions options) {
    super(loop, options.stream(), options.tls());
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.options = options;
  }

  /**
   * Serves {@code port} on every loop of {@code group} (Tornado's {@code HTTPServer.start(n)}, as
   * threads): {@code LoopGroup.start(n)}, then this. Each loop gets its own HttpServer with the
   * handler {@code handlers} makes for it; connections are spread by {@code SO_REUSEPORT} where
   * the backend has it, else by one acceptor ({@link TcpServerGroup.Mode#AUTO}).
   *
   * @throws IOException if the port cannot be bound
   */
  public static TcpServerGroup listenOnGroup(LoopGroup group, int port, String address,
      Function<IOLoop, HttpRequestHandler> handlers, HttpServerOptions options)
      throws IOException {
    return TcpServerGroup.listenServers(group, port, address,
        loop -> new HttpServer(loop, handlers.apply(loop), options), TcpServerGroup.Mode.AUTO);
  }

  /** The options. */
  public final HttpServerOptions options() {
    return options;
  }

  /** Connections open now. */
  public final int connectionCount() {
    return connections.size();
  }

  @Override
  protected final CompletionStage<?> handleStream(IOStream stream, SocketAddress address) {
    if (options.maxConnections() > 0 && connections.size() >= options.maxConnections()) {
      if (refused++ % 1000 == 0) {
        log.warn("{} connections open, the most allowed: closing the new one from {} ({} so "
            + "far)", connections.size(), address, refused);
      }
      stream.close();
      return null;
    }
    // Responses leave in one gathering write each, and a request waits for its response: Nagle's
    // algorithm would only hold the last segment back for the peer's delayed ACK (40 ms).
    stream.setNoDelay(true);
    Http1Connection connection = new Http1Connection(stream, false, options.params(),
        options.serverName());
    if (options.noKeepAlive()) {
      connection.noKeepAlive();
    }
    connections.add(connection);
    CompletableFuture<Void> done = new CompletableFuture<>();
    serve(connection, address, done);
    return done.whenComplete((v, e) -> {
      connections.remove(connection);
      try {
        delegate.onClose(connection);
      } catch (RuntimeException failure) {
        log.error("Error in onClose", failure);
      }
    });
  }

  private void serve(Http1Connection connection, SocketAddress address,
      CompletableFuture<Void> done) {
    HttpMessageDelegate request;
    try {
      request = delegate.startRequest(connection, address);
    } catch (RuntimeException e) {
      log.error("Error starting a request from {}", address, e);
      connection.close();
      done.complete(null);
      return;
    }
    connection.readMessage(request, null).whenComplete((keepAlive, e) -> {
      if (connection.detached()) {
        done.complete(null); // the stream belongs to another protocol now (a WebSocket)
      } else if (e == null && keepAlive && !connection.stream().closed()) {
        serve(connection, address, done);
      } else if (e == null && !connection.stream().closed()
          || e != null && unwrap(e) instanceof HttpInputException) {
        // The last answer is in the kernel (or an error answer on its way, which closes itself):
        // close in stages (output shut, input drained; RFC 9112 §9.6), so that input the server
        // never read does not turn the close into a reset that destroys the answer in flight.
        if (e == null) {
          connection.closeInStages();
        }
        connection.addCloseListener(() -> done.complete(null));
      } else {
        connection.close();
        done.complete(null);
      }
    });
  }

  /**
   * Closes every open connection (requests in progress are cut off). Completes once they are
   * closed.
   */
  public final CompletableFuture<Void> closeAllConnections() {
    List<Http1Connection> all = new ArrayList<>(connections);
    List<CompletableFuture<Void>> closed = new ArrayList<>();
    for (Http1Connection c : all) {
      CompletableFuture<Void> f = new CompletableFuture<>();
      c.addCloseListener(() -> f.complete(null));
      c.close();
      closed.add(f);
    }
    return CompletableFuture.allOf(closed.toArray(new CompletableFuture<?>[0]));
  }

  @Override
  public String toString() {
    return "HttpServer[" + addresses() + ", " + connections.size() + " connections]";
  }

  private static Throwable unwrap(Throwable e) {
    return e instanceof java.util.concurrent.CompletionException && e.getCause() != null
        ? e.getCause() : e;
  }
}
