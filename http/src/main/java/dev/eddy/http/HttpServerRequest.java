package dev.eddy.http;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * One request as a server received it, with its whole body: Tornado's {@code HTTPServerRequest}.
 * Fields: method, uri (the request target as sent), path, query, version, headers, body, remote
 * address (the proxy's client with {@code xheaders}), protocol ({@code http}/{@code https}),
 * host, and the arguments of the query string and of a form-urlencoded body.
 *
 * <p>Answer with {@link #respond} (head and whole body), or stream with {@link #writeHead}, {@link
 * #write} and {@link #finish}. Threading: the connection's loop thread.
 */
public final class HttpServerRequest {

  private final Http1Connection connection;
  private final RequestStartLine startLine;
  private final HttpHeaders headers;
  private final byte[] body;
  private final String remoteIp;
  private final String protocol;
  private final String path;
  private final String query;
  private final long startNanos;
  private Map<String, List<String>> queryArguments;
  private Map<String, List<String>> bodyArguments = Map.of();
  private Map<String, List<HttpFile>> files = Map.of();

  HttpServerRequest(Http1Connection connection, RequestStartLine startLine, HttpHeaders headers,
      byte[] body, String remoteIp, String protocol, long startNanos) {
    this.connection = connection;
    this.startLine = startLine;
    this.headers = headers;
    this.body = body;
    this.remoteIp = remoteIp;
    this.protocol = protocol;
    this.startNanos = startNanos;
    String target = startLine.target();
    if (target.startsWith("http://") || target.startsWith("https://")) {
      int slash = target.indexOf('/', target.indexOf("//") + 2);
      target = slash < 0 ? "/" : target.substring(slash);
    }
    int q = target.indexOf('?');
    this.path = q < 0 ? target : target.substring(0, q);
    this.query = q < 0 ? "" : target.substring(q + 1);
  }

  public String method() {
    return startLine.method();
  }

  /** The request target as sent: {@code /path?query}. */
  public String uri() {
    return startLine.target();
  }

  public String path() {
    return path;
  }

  /** The query string without {@code ?}, or "". */
  public String query() {
    return query;
  }

  public HttpVersion version() {
    return startLine.version();
  }

  public HttpHeaders headers() {
    return headers;
  }

  /** The body, decoded (dechunked; gunzipped when the server decompresses). */
  public byte[] body() {
    return body;
  }

  /** The body as UTF-8 text. */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** The client's IP address (from the proxy's headers with {@code xheaders}). */
  public String remoteIp() {
    return remoteIp;
  }

  /** {@code http} or {@code https}. */
  public String protocol() {
    return protocol;
  }

  /** The {@code Host} header, or {@code 127.0.0.1} for an HTTP/1.0 request without one. */
  public String host() {
    String h = headers.get("Host");
    return h == null ? "127.0.0.1" : h;
  }

  /** {@link #host()} without the port. */
  public String hostName() {
    String h = host();
    if (h.startsWith("[")) {
      int end = h.indexOf(']');
      return end < 0 ? h : h.substring(0, end + 1);
    }
    int colon = h.lastIndexOf(':');
    return colon < 0 ? h : h.substring(0, colon);
  }

  /** {@code protocol://host/uri}. */
  public String fullUrl() {
    return protocol + "://" + host() + uri();
  }

  /** Seconds since the request's head arrived. */
  public double requestTime() {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  /** The query string's arguments, in order. */
  public Map<String, List<String>> queryArguments() {
    if (queryArguments == null) {
      queryArguments = Collections.unmodifiableMap(FormUrlencoded.parse(query));
    }
    return queryArguments;
  }

  /**
   * Parses a form body: {@code application/x-www-form-urlencoded} into {@link #bodyArguments()},
   * {@code multipart/form-data} into body arguments and {@link #files()}.
   *
   * @throws HttpInputException with 400 for a malformed multipart body
   */
  void parseBody() throws HttpInputException {
    String type = headers.get("Content-Type");
    if (type == null || body.length == 0) {
      return;
    }
    String lower = type.toLowerCase(java.util.Locale.ROOT);
    if (lower.startsWith("application/x-www-form-urlencoded")) {
      bodyArguments = Collections.unmodifiableMap(FormUrlencoded.parse(
          new String(body, StandardCharsets.ISO_8859_1)));
    } else if (lower.startsWith("multipart/form-data")) {
      String boundary = Multipart.boundary(type);
      if (boundary == null) {
        throw new HttpInputException(400, "multipart/form-data without a valid boundary");
      }
      Multipart.Parsed parsed = Multipart.parse(body, boundary);
      bodyArguments = Collections.unmodifiableMap(parsed.arguments());
      files = Collections.unmodifiableMap(parsed.files());
    }
  }

  /** The arguments of a form body (urlencoded or multipart), else empty. */
  public Map<String, List<String>> bodyArguments() {
    return bodyArguments;
  }

  /** The files of a {@code multipart/form-data} body, by field name, else empty. */
  public Map<String, List<HttpFile>> files() {
    return files;
  }

  /** Query and body arguments together, query first. */
  public Map<String, List<String>> arguments() {
    Map<String, List<String>> all = new LinkedHashMap<>();
    queryArguments().forEach((k, v) -> all.computeIfAbsent(k, x -> new java.util.ArrayList<>())
        .addAll(v));
    bodyArguments().forEach((k, v) -> all.computeIfAbsent(k, x -> new java.util.ArrayList<>())
        .addAll(v));
    return Collections.unmodifiableMap(all);
  }

  /** The connection, for writing the response piece by piece. */
  public Http1Connection connection() {
    return connection;
  }

  /**
   * Answers with {@code status}, {@code headers} and the whole {@code body} (Content-Length set)
   * and finishes.
   */
  public CompletableFuture<Void> respond(int status, HttpHeaders headers, byte[] body) {
    HttpHeaders h = headers.copy();
    if (status >= 200 && status != 204 && status != 304) {
      h.set("Content-Length", Integer.toString(body.length));
    }
    connection.writeResponseHeadOwned(new ResponseStartLine(HttpVersion.HTTP_1_1, status,
        Reasons.of(status)), h, body);
    return connection.finish();
  }

  /** {@link #respond} with a text body and {@code Content-Type: text/plain; charset=utf-8}. */
  public CompletableFuture<Void> respond(int status, String text) {
    HttpHeaders h = new HttpHeaders();
    h.set("Content-Type", "text/plain; charset=utf-8");
    return respond(status, h, text.getBytes(StandardCharsets.UTF_8));
  }

  /** Starts a streamed response (chunked unless the headers give a Content-Length). */
  public CompletableFuture<Void> writeHead(int status, HttpHeaders headers) {
    return connection.writeResponseHead(new ResponseStartLine(HttpVersion.HTTP_1_1, status,
        Reasons.of(status)), headers, null);
  }

  /** Writes a piece of a streamed response. */
  public CompletableFuture<Void> write(byte[] chunk) {
    return connection.write(chunk);
  }

  /** Ends a streamed response. */
  public CompletableFuture<Void> finish() {
    return connection.finish();
  }

  /** The peer's socket address. */
  public SocketAddress remoteAddress() {
    return connection.stream().remoteAddress();
  }

  static String ipOf(SocketAddress address) {
    if (address instanceof InetSocketAddress) {
      return ((InetSocketAddress) address).getAddress().getHostAddress();
    }
    return "127.0.0.1"; // a Unix-domain peer
  }

  @Override
  public String toString() {
    return "HttpServerRequest[" + method() + " " + uri() + " from " + remoteIp + "]";
  }
}
