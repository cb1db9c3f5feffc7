package dev.eddy.http;

import java.io.ByteArrayOutputStream;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * One request and its response on one client {@link Http1Connection}: writes the head and the
 * body (bytes or a {@link BodyProducer}), then reads the response into itself, decompressing a
 * gzip body ({@link IncrementalGunzip}) and handing it to the request's callbacks or collecting
 * it. Tornado's {@code _HTTPConnection} without the connecting, timing and redirecting, which
 * {@link ClientFetch} does.
 *
 * <p>Threading: the connection's loop thread.
 */
final class ClientExchange implements HttpMessageDelegate {

  /**
   * What came back.
   *
   * @param line the status line
   * @param headers the fields
   * @param body the collected body (empty when streamed or for a redirect that is followed)
   * @param redirect true if the response is a redirect to follow
   * @param reusable true if the connection can carry another request
   */
  record Outcome(ResponseStartLine line, HttpHeaders headers, byte[] body, boolean redirect,
      boolean reusable) {}

  private final Http1Connection connection;
  private final HttpRequest request;
  private final ClientUrl url;
  private final String defaultUserAgent;
  private final boolean keepAlive;
  private final ByteArrayOutputStream body = new ByteArrayOutputStream();
  private boolean producerCalled;
  private boolean headReceived;
  private boolean redirect;
  private ResponseStartLine line;
  private HttpHeaders headers;
  private IncrementalGunzip gunzip;

  /**
   * @param defaultUserAgent the client's user agent
   * @param keepAlive false to send {@code Connection: close}
   */
  ClientExchange(Http1Connection connection, HttpRequest request, ClientUrl url,
      String defaultUserAgent, boolean keepAlive) {
    this.connection = connection;
    this.request = request;
    this.url = url;
    this.defaultUserAgent = defaultUserAgent;
    this.keepAlive = keepAlive;
  }

  /** True once the body producer was called: the request cannot be sent again. */
  boolean producerCalled() {
    return producerCalled;
  }

  /** True once a response head arrived. */
  boolean headReceived() {
    return headReceived;
  }

  /**
   * Sends the request and reads the response. Fails with what went wrong: a {@link
   * dev.eddy.stream.StreamClosedException}, an {@link HttpInputException} for a bad response (or
   * one that decompresses to too much), or the exception of a callback or the body producer.
   */
  CompletableFuture<Outcome> run() {
    String method = request.method();
    HttpHeaders h;
    try {
      h = ClientRequestHead.headers(request, url, defaultUserAgent, keepAlive);
      connection.writeRequestHead(new RequestStartLine(method, url.target(),
          HttpVersion.HTTP_1_1), h, request.bodyBytes());
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    boolean closeAsked = !keepAlive || hasClose(h.get("Connection"));
    return writeBody().thenCompose(v -> {
      // As Tornado: the response is read once the body is sent, not awaiting its flush.
      CompletableFuture<Void> flushed = connection.finish();
      return connection.readMessage(this, method).thenApply(peerKeepsAlive ->
          new Outcome(line, headers, body.toByteArray(), redirect, peerKeepsAlive && !closeAsked
              // An early response (the server stopped reading our body) leaves the
              // connection in an unknown state.
              && flushed.isDone() && !flushed.isCompletedExceptionally()));
    }).whenComplete((o, e) -> {
      if (gunzip != null) {
        gunzip.close();
      }
    });
  }

  private CompletableFuture<Void> writeBody() {
    BodyProducer producer = request.bodyProducer();
    if (producer == null) {
      return CompletableFuture.completedFuture(null);
    }
    producerCalled = true;
    CompletionStage<?> s;
    try {
      s = producer.produce(chunk -> {
        try {
          return connection.write(chunk);
        } catch (RuntimeException e) {
          return CompletableFuture.failedFuture(e);
        }
      });
    } catch (Exception e) {
      return CompletableFuture.failedFuture(e);
    }
    return s == null ? CompletableFuture.completedFuture(null)
        : s.toCompletableFuture().thenApply(x -> null);
  }

  private static boolean hasClose(String connectionField) {
    return connectionField != null && Http1Connection.hasToken(connectionField, "close");
  }

  // --------------------------------------------------------------------- the response, read

  @Override
  public CompletionStage<?> headersReceived(Object startLine, HttpHeaders h) throws Exception {
    headReceived = true;
    line = (ResponseStartLine) startLine;
    headers = h;
    redirect = Redirects.follows(request, line.code(), h);
    String coding = h.get("Content-Encoding");
    if (request.decompress() && coding != null
        && coding.trim().toLowerCase(Locale.ROOT).equals("gzip")) {
      HttpParameters p = connection.params();
      gunzip = new IncrementalGunzip(p.maxBodySize(), p.chunkSize());
      // Those who read on see decompressed data: rename the field, as Tornado does.
      h.add("X-Consumed-Content-Encoding", coding);
      h.remove("Content-Encoding");
    }
    if (!redirect && request.headerCallback() != null) {
      return request.headerCallback().onHeaders(line, h);
    }
    return null;
  }

  @Override
  public CompletionStage<?> dataReceived(byte[] chunk) throws Exception {
    if (redirect) {
      return null; // the body of a redirect that is followed is dropped
    }
    if (gunzip == null) {
      return deliver(chunk);
    }
    gunzip.feed(chunk);
    return drain();
  }

  /** Hands the decompressed pieces on one at a time, waiting for each stage returned. */
  private CompletionStage<?> drain() throws Exception {
    byte[] piece;
    while ((piece = gunzip.next()) != null) {
      CompletionStage<?> s = deliver(piece);
      if (s != null) {
        return s.thenCompose(x -> {
          try {
            CompletionStage<?> rest = drain();
            return rest == null ? CompletableFuture.completedFuture(null) : rest;
          } catch (Exception e) {
            throw new CompletionException(e);
          }
        });
      }
    }
    return null;
  }

  private CompletionStage<?> deliver(byte[] piece) throws Exception {
    StreamingCallback callback = request.streamingCallback();
    if (callback != null) {
      return callback.onChunk(piece);
    }
    body.write(piece, 0, piece.length);
    return null;
  }

  @Override
  public void finish() throws Exception {
    if (gunzip != null && !redirect) {
      gunzip.finish();
    }
  }
}
