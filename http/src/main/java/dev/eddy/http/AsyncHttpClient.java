package dev.eddy.http;

import dev.eddy.loop.IOLoop;
import dev.eddy.stream.ClientOptions;
import dev.eddy.stream.TcpClient;
import dev.eddy.stream.TlsOptions;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLContext;

/**
 * A non-blocking HTTP/1.1 client on one loop: Tornado's {@code AsyncHTTPClient} (its {@code
 * simple_httpclient}), with keep-alive connection pooling added.
 *
 * <pre>{@code
 * AsyncHttpClient client = new AsyncHttpClient(loop);
 * client.fetch(HttpRequest.get("https://example.com/"))
 *     .thenAccept(r -> log.info("{} {}", r.code(), r.bodyText()));
 * }</pre>
 *
 * <p><b>What a fetch does.</b> At most {@link HttpClientOptions#maxClients()} requests are in
 * progress; more wait in a FIFO queue, and the wait counts against the request timeout (see
 * {@link HttpRequest#requestTimeout()}; "Timeout in request queue"). A request takes an idle
 * keep-alive connection to its origin (scheme, host, port) from the pool, or opens one with
 * {@link TcpClient} (happy eyeballs; TLS with certificate and host name verification for {@code
 * https}). The request carries {@code Host}, {@code User-Agent}, {@code Accept-Encoding: gzip}
 * when decompressing, basic auth, and {@code Content-Length} or chunked framing. A gzip response
 * is decompressed on the fly, bounded by {@code maxBodySize} after decompression. Redirects are
 * followed as {@link HttpRequest#followRedirects()} says (303, and 301/302 after a POST, become
 * GET; 307/308 keep method and body; {@code Authorization} and {@code Cookie} are dropped across
 * origins; only {@code http} and {@code https} targets are followed). After the response the
 * connection goes back to the pool unless either side asked to close it.
 *
 * <p><b>Retry.</b> A server may close an idle connection just as it is reused. An idempotent
 * request (GET, HEAD, OPTIONS, PUT, DELETE, TRACE) without a body producer that finds its pooled
 * connection closed before any byte of the response is sent once more on a new connection.
 *
 * <p><b>Errors.</b> The future fails with an {@link HttpClientException}: the status and the
 * response for a non-2xx answer (unless {@code raiseError(false)}: then it is the response's
 * {@link HttpResponse#error()}), or code 599 when there is no response (timeouts, "Stream
 * closed", connect errors, a malformed response, a too large body), which {@code
 * raiseError(false)} does not change (Tornado 6). A request that cannot be made at all is an
 * {@link IllegalArgumentException} from {@link HttpRequest.Builder#build()}.
 *
 * <p><b>Threading.</b> The client belongs to its loop: make one per loop and share it. {@link
 * #fetch} may be called from any thread (the work is handed to the loop); everything else on
 * the loop's thread, or before it runs. Futures complete on the loop's thread, callbacks and body
 * producers run there. A fetch made while the loop does not run starts when it runs.
 */
public final class AsyncHttpClient implements AutoCloseable {

  static final String CLOSED = "Client closed";

  private final IOLoop loop;
  private final HttpClientOptions options;
  private final TcpClient tcp;
  private final ConnectionPool pool;
  private final ArrayDeque<ClientFetch> queue = new ArrayDeque<>();
  private final Set<ClientFetch> active = new LinkedHashSet<>();
  private boolean dispatching;
  private boolean closed;
  private TlsOptions defaultTls;

  /** A client with {@link HttpClientOptions#DEFAULTS}. */
  public AsyncHttpClient(IOLoop loop) {
    this(loop, HttpClientOptions.DEFAULTS);
  }

  /** A client with {@code options}. */
  public AsyncHttpClient(IOLoop loop, HttpClientOptions options) {
    this.loop = Objects.requireNonNull(loop, "loop");
    this.options = Objects.requireNonNull(options, "options");
    this.tcp = new TcpClient(loop, options.resolver());
    this.pool = new ConnectionPool(loop, options.maxIdlePerOrigin(), options.idleTimeout());
  }

  /** The loop. */
  public IOLoop loop() {
    return loop;
  }

  /** The options. */
  public HttpClientOptions options() {
    return options;
  }

  /**
   * {@link #fetch(HttpRequest)} of a GET with the defaults.
   *
   * @throws IllegalArgumentException for a URL the client cannot fetch
   */
  public CompletableFuture<HttpResponse> fetch(String url) {
    return fetch(HttpRequest.get(url));
  }

  /**
   * Fetches {@code request}: see the class comment. Any thread.
   *
   * @return completes on the loop's thread with the response, or fails with an {@link
   *     HttpClientException}; after {@link #close()}, fails with code 599 "Client closed"
   */
  public CompletableFuture<HttpResponse> fetch(HttpRequest request) {
    Objects.requireNonNull(request, "request");
    CompletableFuture<HttpResponse> result = new CompletableFuture<>();
    Runnable start = () -> {
      if (closed) {
        result.completeExceptionally(HttpClientException.noResponse(CLOSED, null));
      } else {
        new ClientFetch(this, request, request, System.nanoTime(), result).start();
      }
    };
    if (loop.inLoopThread()) {
      start.run();
    } else {
      loop.addCallback(start);
    }
    return result;
  }

  /**
   * Closes the client: idle pooled connections are closed, and requests queued or in progress
   * fail with code 599 "Client closed" (their connections closed). Later fetches fail the same
   * way. The resolver is not closed (it is the caller's). Idempotent. Loop thread.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    pool.close();
    List<ClientFetch> all = new ArrayList<>(queue);
    all.addAll(active);
    for (ClientFetch f : all) {
      f.fail(HttpClientException.noResponse(CLOSED, null));
    }
  }

  /** Requests in progress (holding one of the {@code maxClients} slots). Loop thread. */
  public int activeCount() {
    return active.size();
  }

  /** Requests waiting for a slot. Loop thread. */
  public int queuedCount() {
    return queue.size();
  }

  /** Idle keep-alive connections in the pool. Loop thread. */
  public int idleConnectionCount() {
    return pool.size();
  }

  // ------------------------------------------------------------------- for ClientFetch

  ConnectionPool pool() {
    return pool;
  }

  boolean closed() {
    return closed;
  }

  /** Gives {@code f} a slot at once, or queues it. */
  void submit(ClientFetch f) {
    if (active.size() < options.maxClients() && queue.isEmpty()) {
      active.add(f);
      f.dispatch();
    } else {
      queue.addLast(f);
      f.queued();
    }
  }

  /** {@code f} left the queue without a slot (it timed out there). */
  void dequeue(ClientFetch f) {
    queue.remove(f);
  }

  /** {@code f} gives its slot back: the next in the queue gets it. */
  void finished(ClientFetch f) {
    if (active.remove(f)) {
      dispatchQueued();
    }
  }

  private void dispatchQueued() {
    if (dispatching || closed) {
      return; // the outer call goes on; a closed client fails what is queued
    }
    dispatching = true;
    try {
      while (!queue.isEmpty() && active.size() < options.maxClients()) {
        ClientFetch next = queue.pollFirst();
        active.add(next);
        next.dispatch();
      }
    } finally {
      dispatching = false;
    }
  }

  /** Opens a connection for {@code request} to {@code url}'s origin. */
  CompletableFuture<Http1Connection> connect(ClientUrl url, HttpRequest request) {
    ClientOptions co = ClientOptions.DEFAULTS;
    Duration timeout = request.connectTimeout();
    if (timeout != null && !timeout.isZero()) {
      co = co.withTimeout(timeout);
    }
    try {
      if (url.scheme().equals("https")) {
        co = co.withTls(tlsFor(url, request));
      }
      return tcp.connect(url.host(), url.port(), co)
          .thenApply(stream -> new Http1Connection(stream, true, options.params(), null));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** The TLS options for a connection to {@code url}: the server name is always its host. */
  private TlsOptions tlsFor(ClientUrl url, HttpRequest request) {
    TlsOptions tls = request.tls() != null ? request.tls() : options.tls();
    if (tls == null) {
      if (defaultTls == null) {
        try {
          defaultTls = TlsOptions.client(SSLContext.getDefault(), url.host());
        } catch (NoSuchAlgorithmException e) {
          throw new IllegalStateException("the JDK has no default TLS context", e);
        }
      }
      tls = defaultTls;
    }
    return tls.withServerHostname(url.host());
  }

  @Override
  public String toString() {
    return "AsyncHttpClient[" + active.size() + " active, " + queue.size() + " queued, "
        + pool.size() + " idle]";
  }
}
