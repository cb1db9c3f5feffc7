package dev.eddy.http;

import dev.eddy.loop.IOLoop;
import dev.eddy.loop.Timeout;
import dev.eddy.stream.StreamClosedException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One hop of a fetch: waits for a slot in the client's queue, takes a pooled connection or opens
 * one, runs the {@link ClientExchange}, retries once on a fresh connection when a pooled one
 * turns out closed, and settles: a response, the next hop of a redirect, or a 599. Each redirect
 * is a new hop, queued again with fresh timers, as in Tornado.
 *
 * <p>Timers: the request timeout runs from the start of the hop, queue included; in the queue a
 * second timer of {@code min(connectTimeout, requestTimeout)} (zeros skipped) fails it with
 * "Timeout in request queue" (Tornado's rule); the connect timeout covers resolving, connecting
 * and the TLS handshake ("Timeout while connecting").
 *
 * <p>Threading: the client's loop thread.
 */
final class ClientFetch {

  private static final Logger log = LoggerFactory.getLogger(ClientFetch.class);

  /** Methods that may be sent again (RFC 9110 §9.2.2). */
  private static final Set<String> IDEMPOTENT =
      Set.of("GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE");

  static final String QUEUE_TIMEOUT = "Timeout in request queue";
  static final String CONNECT_TIMEOUT = "Timeout while connecting";
  static final String REQUEST_TIMEOUT = "Timeout during request";

  private final AsyncHttpClient client;
  private final IOLoop loop;
  private final HttpRequest request;
  private final HttpRequest original;
  private final ClientUrl url;
  private final ConnectionPool.Key key;
  private final long startNanos;
  private final CompletableFuture<HttpResponse> result;
  private Timeout requestTimer;
  private Timeout queueTimer;
  private boolean queued;
  private boolean done;
  private boolean retried;
  private Http1Connection connection;

  /**
   * @param request this hop's request
   * @param original the request given to fetch
   * @param startNanos when fetch was called
   * @param result completed with the final response, or failed
   */
  ClientFetch(AsyncHttpClient client, HttpRequest request, HttpRequest original, long startNanos,
      CompletableFuture<HttpResponse> result) {
    this.client = client;
    this.loop = client.loop();
    this.request = request;
    this.original = original;
    this.url = request.parsedUrl();
    this.key = ConnectionPool.Key.of(url, request.tls());
    this.startNanos = startNanos;
    this.result = result;
  }

  /** Starts the hop: arms the request timeout and asks the client for a slot. */
  void start() {
    if (positive(request.requestTimeout())) {
      requestTimer = loop.callLater(request.requestTimeout(),
          () -> fail(HttpClientException.noResponse(queued ? QUEUE_TIMEOUT : REQUEST_TIMEOUT,
              null)));
    }
    client.submit(this);
  }

  /** The client put the hop in its queue. */
  void queued() {
    queued = true;
    Duration wait = min(request.connectTimeout(), request.requestTimeout());
    if (wait != null) {
      queueTimer = loop.callLater(wait,
          () -> fail(HttpClientException.noResponse(QUEUE_TIMEOUT, null)));
    }
  }

  /** The hop got a slot: find a connection. */
  void dispatch() {
    queued = false;
    cancel(queueTimer);
    Http1Connection pooled = client.pool().take(key);
    if (pooled != null) {
      exchange(pooled, true);
    } else {
      connect();
    }
  }

  private void connect() {
    client.connect(url, request).whenComplete((c, e) -> {
      if (done) {
        if (c != null) {
          c.close(); // the fetch ended (timeout, close) while connecting
        }
        return;
      }
      if (e != null) {
        Throwable cause = Http1Connection.unwrap(e);
        fail(cause instanceof TimeoutException
            ? HttpClientException.noResponse(CONNECT_TIMEOUT, cause)
            : HttpClientException.noResponse(describe(cause), cause));
        return;
      }
      exchange(c, false);
    });
  }

  private void exchange(Http1Connection c, boolean reused) {
    connection = c;
    ClientExchange exchange = new ClientExchange(c, request, url, client.options().userAgent(),
        client.pool().enabled());
    exchange.run().whenComplete((outcome, e) -> {
      if (done) {
        return; // failed meanwhile; the connection was closed then
      }
      if (e == null) {
        settle(outcome);
        return;
      }
      Throwable cause = Http1Connection.unwrap(e);
      if (reused && mayRetry(exchange, cause)) {
        nothingReceived(c).thenAccept(nothing -> {
          if (done) {
            return;
          }
          if (nothing) {
            log.debug("Pooled connection {} was closed before the response; retrying {}", c,
                request);
            retried = true;
            c.close();
            connection = null;
            connect();
          } else {
            fail(error(cause));
          }
        });
        return;
      }
      fail(error(cause));
    });
  }

  /**
   * True if the request may be sent again after {@code cause}: once, for an idempotent method,
   * when the connection closed before any response arrived and no body producer was used.
   */
  private boolean mayRetry(ClientExchange exchange, Throwable cause) {
    return !retried && !client.closed() && cause instanceof StreamClosedException
        && IDEMPOTENT.contains(request.method()) && !exchange.producerCalled()
        && !exchange.headReceived();
  }

  /**
   * True if the closed connection received no byte of a response: a read of what is still
   * buffered (which a closed stream still serves) fails.
   */
  private static CompletableFuture<Boolean> nothingReceived(Http1Connection c) {
    if (!c.stream().closed()) {
      return CompletableFuture.completedFuture(false);
    }
    try {
      return c.stream().readBytes(1, true).handle((b, e) -> e != null);
    } catch (IllegalStateException reading) {
      return CompletableFuture.completedFuture(false);
    }
  }

  private void settle(ClientExchange.Outcome o) {
    done = true;
    cancel(requestTimer);
    Http1Connection c = connection;
    connection = null;
    if (o.reusable()) {
      client.pool().release(key, c);
    } else {
      c.close();
    }
    client.finished(this);
    if (o.redirect()) {
      follow(o);
      return;
    }
    HttpResponse response = new HttpResponse(original, o.line().code(), o.line().reason(),
        o.headers(), o.body(), url.text(), Duration.ofNanos(System.nanoTime() - startNanos),
        true);
    if (response.error() != null && request.raiseError()) {
      result.completeExceptionally(response.error());
    } else {
      result.complete(response);
    }
  }

  private void follow(ClientExchange.Outcome o) {
    String location = o.headers().get("Location");
    HttpRequest next;
    try {
      next = Redirects.next(request, o.line().code(), url, url.resolve(location));
    } catch (IllegalArgumentException e) {
      result.completeExceptionally(HttpClientException.noResponse("Redirect to " + location
          + " refused: " + e.getMessage(), e));
      return;
    }
    if (client.closed()) {
      result.completeExceptionally(HttpClientException.noResponse(AsyncHttpClient.CLOSED, null));
      return;
    }
    new ClientFetch(client, next, original, startNanos, result).start();
  }

  /** Ends the hop with {@code error}: leaves the queue or gives the slot back, closes. */
  void fail(HttpClientException error) {
    if (done) {
      return;
    }
    done = true;
    cancel(requestTimer);
    cancel(queueTimer);
    if (queued) {
      client.dequeue(this);
    } else {
      client.finished(this);
    }
    if (connection != null) {
      connection.close();
      connection = null;
    }
    result.completeExceptionally(error);
  }

  /** The 599 for an exchange that failed with {@code cause}. */
  private static HttpClientException error(Throwable cause) {
    if (cause instanceof HttpClientException) {
      return (HttpClientException) cause;
    }
    if (cause instanceof StreamClosedException) {
      Throwable real = ((StreamClosedException) cause).realError();
      if (real instanceof TimeoutException) {
        return HttpClientException.noResponse(REQUEST_TIMEOUT, cause);
      }
      return HttpClientException.noResponse(real == null ? "Stream closed" : describe(real),
          cause);
    }
    return HttpClientException.noResponse(describe(cause), cause);
  }

  private static String describe(Throwable e) {
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }

  private static boolean positive(Duration d) {
    return d != null && !d.isZero() && !d.isNegative();
  }

  /** The smaller of two timeouts, zeros skipped; null if both are zero. */
  private static Duration min(Duration a, Duration b) {
    if (!positive(a)) {
      return positive(b) ? b : null;
    }
    if (!positive(b)) {
      return a;
    }
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static void cancel(Timeout t) {
    if (t != null) {
      t.cancel();
    }
  }

  @Override
  public String toString() {
    return "ClientFetch[" + request + "]";
  }
}
