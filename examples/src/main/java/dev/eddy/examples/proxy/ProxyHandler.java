package dev.eddy.examples.proxy;

import dev.eddy.http.AsyncHttpClient;
import dev.eddy.http.HttpClientException;
import dev.eddy.http.HttpHeaders;
import dev.eddy.http.HttpRequest;
import dev.eddy.http.HttpServerRequest;
import dev.eddy.http.ResponseStartLine;
import dev.eddy.web.RequestHandler;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forwards the request to the upstream with the loop's {@link AsyncHttpClient} and streams the
 * answer back as it arrives: each piece is written and flushed, and the next piece is read from
 * the upstream only when the client has taken this one (the streaming callback returns the flush
 * future). Connections to the upstream are the client's pooled keep-alive connections.
 *
 * <p>Hop-by-hop fields ({@code Connection}, {@code Keep-Alive}, {@code TE}, ...) are dropped both
 * ways; {@code X-Forwarded-For}, {@code -Host} and {@code -Proto} are added. Request bodies are
 * read whole first (within the server's body limit). Errors: upstream unreachable → 502, upstream
 * too slow → 504; an upstream failing in the middle of a body closes the client's connection,
 * since its status was already sent.
 *
 * <p>Init arguments: {@code client} (the {@link AsyncHttpClient} of the serving loop), {@code
 * upstream} (base URL, no trailing slash), {@code timeout} (a {@link Duration}).
 */
public final class ProxyHandler extends RequestHandler {

  private static final Logger log = LoggerFactory.getLogger(ProxyHandler.class);

  /** RFC 9110 §7.6.1 hop-by-hop fields (also any a {@code Connection} field names), plus framing, which the two sides each do themselves. */
  static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-connection",
      "proxy-authenticate", "proxy-authorization", "te", "trailer", "transfer-encoding",
      "upgrade", "content-length", "host");

  private AsyncHttpClient client;
  private String upstream;
  private Duration timeout;
  private boolean headersSent;

  @Override
  protected void initialize(Map<String, Object> args) {
    client = (AsyncHttpClient) args.get("client");
    upstream = (String) args.get("upstream");
    timeout = (Duration) args.get("timeout");
  }

  @Override
  protected Object get() {
    return forward();
  }

  @Override
  protected Object head() {
    return forward();
  }

  @Override
  protected Object post() {
    return forward();
  }

  @Override
  protected Object put() {
    return forward();
  }

  @Override
  protected Object delete() {
    return forward();
  }

  @Override
  protected Object patch() {
    return forward();
  }

  @Override
  protected Object options() {
    return forward();
  }

  private CompletionStage<Void> forward() {
    HttpServerRequest in = request();
    HttpRequest.Builder out = HttpRequest.builder(upstream + in.uri())
        .method(in.method())
        .followRedirects(false)
        .decompress(false)
        .raiseError(false)
        .requestTimeout(timeout)
        .headerCallback(this::onUpstreamHead)
        .streamingCallback(this::onUpstreamPiece);
    Set<String> dropped = hopByHop(in.headers());
    for (HttpHeaders.Field f : in.headers()) {
      if (!dropped.contains(f.name().toLowerCase(Locale.ROOT))) {
        out.addHeader(f.name(), f.value());
      }
    }
    String forwardedFor = in.headers().get("X-Forwarded-For");
    out.header("X-Forwarded-For",
        forwardedFor == null ? in.remoteIp() : forwardedFor + ", " + in.remoteIp());
    out.header("X-Forwarded-Host", in.host());
    out.header("X-Forwarded-Proto", in.protocol());
    if (in.body().length > 0) {
      out.body(in.body());
    }
    return client.fetch(out.build()).handle((response, error) -> {
      if (error != null) {
        fail(error instanceof CompletionException ? error.getCause() : error);
      }
      return null;
    });
  }

  /** The fixed hop-by-hop fields and those a {@code Connection} field names (lower case). */
  static Set<String> hopByHop(HttpHeaders headers) {
    List<String> connection = headers.getAll("Connection");
    if (connection.isEmpty()) {
      return HOP_BY_HOP;
    }
    Set<String> all = new HashSet<>(HOP_BY_HOP);
    for (String value : connection) {
      for (String token : value.split(",")) {
        all.add(token.trim().toLowerCase(Locale.ROOT));
      }
    }
    return all;
  }

  private CompletionStage<?> onUpstreamHead(ResponseStartLine line, HttpHeaders headers) {
    headersSent = true;
    setStatus(line.code(), line.reason());
    clearHeader("Content-Type");
    clearHeader("Server");
    clearHeader("Date");
    Set<String> dropped = hopByHop(headers);
    for (HttpHeaders.Field f : headers) {
      if (!dropped.contains(f.name().toLowerCase(Locale.ROOT))) {
        addHeader(f.name(), f.value());
      }
    }
    return null;
  }

  private CompletionStage<?> onUpstreamPiece(byte[] piece) {
    write(piece);
    return flush();                                        // back-pressure: read on when sent
  }

  private void fail(Throwable error) {
    if (headersSent) {
      log.warn("upstream failed in the middle of {} {}; closing the client's connection",
          request().method(), request().uri(), error);
      request().connection().close();
      return;
    }
    int status = error instanceof HttpClientException e && e.reason().startsWith("Timeout")
        ? 504 : 502;
    log.warn("upstream {} for {} {}: {}", status, request().method(), request().uri(),
        error.toString());
    sendError(status);
  }
}
