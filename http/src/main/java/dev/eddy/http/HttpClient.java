package dev.eddy.http;

import dev.eddy.loop.IOLoop;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A blocking HTTP client for scripts and tests: Tornado's {@code HTTPClient}. It owns an {@link
 * IOLoop} running on its own thread ({@code eddy-http-client-N}) with an {@link
 * AsyncHttpClient} on it; {@link #fetch} hands the request over and waits.
 *
 * <pre>{@code
 * try (HttpClient http = new HttpClient()) {
 *   HttpResponse r = http.fetch("http://127.0.0.1:8888/");
 * }
 * }</pre>
 *
 * <p>Errors: as {@link AsyncHttpClient}, thrown: {@link HttpClientException} (a non-2xx status
 * unless {@code raiseError(false)}, or 599), {@link IllegalArgumentException} for a request that
 * cannot be made.
 *
 * <p>Threading: thread-safe; several threads may fetch at once (the requests share the client's
 * pool and {@code maxClients}). Never call it from the client's own loop thread (a callback of one
 * of its requests): that would wait for itself. {@link #close()} closes the client, stops the loop
 * and waits for its thread to end.
 */
public final class HttpClient implements AutoCloseable {

  private static final AtomicInteger SERIAL = new AtomicInteger();
  /** Beyond the request's own timeouts, how long fetch waits before it gives up anyway. */
  private static final Duration MARGIN = Duration.ofSeconds(5);

  private final IOLoop loop;
  private final AsyncHttpClient client;
  private final Thread thread;
  private volatile boolean closed;

  /** A client with {@link HttpClientOptions#DEFAULTS} on a loop of the default backend. */
  public HttpClient() {
    this(HttpClientOptions.DEFAULTS);
  }

  /** A client with {@code options} on a loop of the default backend. */
  public HttpClient(HttpClientOptions options) {
    this(IOLoop.create(), options);
  }

  /**
   * A client with {@code options} on {@code loop}, which it takes over: the loop must not be
   * running, and is run on the client's thread and closed by {@link #close()}.
   */
  public HttpClient(IOLoop loop, HttpClientOptions options) {
    this.loop = Objects.requireNonNull(loop, "loop");
    this.client = new AsyncHttpClient(loop, options);
    this.thread = new Thread(loop::start, "eddy-http-client-" + SERIAL.incrementAndGet());
    thread.setDaemon(true);
    thread.start();
  }

  /** {@link #fetch(HttpRequest)} of a GET with the defaults. */
  public HttpResponse fetch(String url) throws HttpClientException {
    return fetch(HttpRequest.get(url));
  }

  /**
   * Fetches {@code request} and waits for the response.
   *
   * @throws HttpClientException for an error status (unless {@code raiseError(false)}) or no
   *     response (599); also 599 "Interrupted" if the calling thread is interrupted (the request
   *     goes on)
   * @throws IllegalStateException after {@link #close()}, or on the client's own thread
   */
  public HttpResponse fetch(HttpRequest request) throws HttpClientException {
    Objects.requireNonNull(request, "request");
    if (closed) {
      throw new IllegalStateException("the HttpClient is closed");
    }
    if (Thread.currentThread() == thread) {
      throw new IllegalStateException("HttpClient.fetch on its own loop thread would wait for "
          + "itself; use the AsyncHttpClient there");
    }
    // A future of the caller's, completed from the loop: the loop's own futures stay there.
    CompletableFuture<HttpResponse> done = new CompletableFuture<>();
    loop.addCallback(() -> client.fetch(request).whenComplete((r, e) -> {
      if (e != null) {
        done.completeExceptionally(Http1Connection.unwrap(e));
      } else {
        done.complete(r);
      }
    }));
    try {
      Duration limit = limit(request);
      return limit == null ? done.get() : done.get(limit.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw HttpClientException.noResponse("Interrupted", e);
    } catch (java.util.concurrent.TimeoutException e) {
      throw HttpClientException.noResponse(ClientFetch.REQUEST_TIMEOUT, e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof HttpClientException) {
        throw (HttpClientException) cause;
      }
      if (cause instanceof RuntimeException) {
        throw (RuntimeException) cause;
      }
      throw new CompletionException(cause);
    }
  }

  /**
   * The longest fetch waits: the request timeout for each hop (redirects start afresh), plus a
   * margin; null without a request timeout (the loop still ends the request when it fails).
   */
  private static Duration limit(HttpRequest request) {
    Duration t = request.requestTimeout();
    if (t == null || t.isZero()) {
      return null;
    }
    int hops = request.followRedirects() ? request.maxRedirects() + 1 : 1;
    return t.multipliedBy(hops).plus(MARGIN);
  }

  /**
   * Closes the client (requests in progress fail with 599 "Client closed"), stops its loop, waits
   * for its thread and closes the loop. Idempotent.
   *
   * @throws IllegalStateException on the client's own thread
   */
  @Override
  public void close() {
    if (Thread.currentThread() == thread) {
      throw new IllegalStateException("close the HttpClient from another thread");
    }
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    loop.addCallback(() -> {
      client.close();
      loop.stop();
    });
    boolean interrupted = false;
    while (thread.isAlive()) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        interrupted = true; // finish closing: the thread ends promptly
      }
    }
    loop.close(true);
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return "HttpClient[" + thread.getName() + (closed ? ", closed" : "") + "]";
  }
}
