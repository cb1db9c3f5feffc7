package dev.eddy.web.websocket;

import dev.eddy.http.HttpClientException;
import dev.eddy.http.HttpHeaders;
import dev.eddy.loop.IOLoop;
import dev.eddy.stream.ClientOptions;
import dev.eddy.stream.IOStream;
import dev.eddy.stream.TcpClient;
import dev.eddy.stream.TlsOptions;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import javax.net.ssl.SSLContext;

/**
 * The WebSocket client: Tornado's {@code websocket_connect}.
 *
 * <p>{@link #connect} connects ({@code ws://} plain, {@code wss://} TLS), sends the upgrade
 * request, checks the 101 answer and completes with a started {@link WebSocketConnection} in the
 * client role. It fails with {@link HttpClientException} carrying the status for an answer other
 * than 101 (its response is null), with {@link WebSocketException} for a 101 that is not a valid
 * WebSocket answer, with {@link HttpClientException} code 599 if the answer is malformed or the
 * stream closes, or with the connect error. The stream is closed on every failure. Callable from
 * any thread; the future completes on the loop's thread.
 */
public final class WebSocket {

  private static final int MAX_HEAD = 64 * 1024;

  private WebSocket() {}

  /** {@link #connect(IOLoop, String, WebSocketOptions, HttpHeaders, List, TlsOptions)} plain. */
  public static CompletableFuture<WebSocketConnection> connect(IOLoop loop, String url,
      WebSocketOptions options) {
    return connect(loop, url, options, null, List.of(), null);
  }

  /**
   * Opens a WebSocket to {@code url}.
   *
   * @param url {@code ws://host[:port]/path?query} or {@code wss://…}
   * @param options limits, pings, connect timeout, compression offer
   * @param extraHeaders more request headers (Origin, cookies, …), or null
   * @param subprotocols subprotocols to offer, in preference order (may be empty)
   * @param tls TLS options for wss (null: the JVM's default context, verifying the host)
   * @throws IllegalArgumentException for a URL that is not ws or wss
   */
  public static CompletableFuture<WebSocketConnection> connect(IOLoop loop, String url,
      WebSocketOptions options, HttpHeaders extraHeaders, List<String> subprotocols,
      TlsOptions tls) {
    URI uri = URI.create(url);
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
    boolean secure = scheme.equals("wss") || scheme.equals("https");
    if (!secure && !scheme.equals("ws") && !scheme.equals("http")) {
      throw new IllegalArgumentException("not a ws or wss URL: " + url);
    }
    String host = uri.getHost();
    if (host == null) {
      throw new IllegalArgumentException("no host in " + url);
    }
    int port = uri.getPort() >= 0 ? uri.getPort() : secure ? 443 : 80;
    ClientOptions co = ClientOptions.DEFAULTS.withTimeout(options.connectTimeout());
    if (secure) {
      co = co.withTls(tls != null ? tls : defaultTls(host));
    }
    ClientHandshake hs = new ClientHandshake(uri, secure, host, port, options, extraHeaders,
        subprotocols == null ? List.of() : subprotocols);
    TcpClient client = new TcpClient(loop);
    CompletableFuture<WebSocketConnection> result = new CompletableFuture<>();
    client.connect(host, port, co).whenComplete((stream, t) -> {
      client.close();
      if (t != null) {
        result.completeExceptionally(unwrap(t));
        return;
      }
      hs.run(stream).whenComplete((conn, e) -> {
        if (e != null) {
          stream.close();
          Throwable cause = unwrap(e);
          result.completeExceptionally(cause instanceof java.io.IOException ? cause
              : new HttpClientException(HttpClientException.NO_RESPONSE, cause.toString(), null,
                  cause));
        } else {
          result.complete(conn);
        }
      });
    });
    return result;
  }

  private static TlsOptions defaultTls(String host) {
    try {
      return TlsOptions.client(SSLContext.getDefault(), host);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("no default SSLContext", e);
    }
  }

  static Throwable unwrap(Throwable t) {
    while (t instanceof CompletionException && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  /** Writes the request, reads and checks the answer. Loop thread. */
  static final class ClientHandshake {
    final URI uri;
    final String host;
    final int port;
    final WebSocketOptions options;
    final HttpHeaders extra;
    final List<String> subprotocols;
    final boolean secure;
    final String key = WebSocketHandshake.newKey();

    ClientHandshake(URI uri, boolean secure, String host, int port, WebSocketOptions options,
        HttpHeaders extra, List<String> subprotocols) {
      this.uri = uri;
      this.secure = secure;
      this.host = host;
      this.port = port;
      this.options = options;
      this.extra = extra;
      this.subprotocols = subprotocols;
    }

    CompletableFuture<WebSocketConnection> run(IOStream stream) {
      stream.write(request().getBytes(StandardCharsets.ISO_8859_1));
      return stream.readUntil("\r\n\r\n".getBytes(StandardCharsets.US_ASCII), MAX_HEAD)
          .thenApply(head -> {
            try {
              return accept(stream, ResponseHeadReader.parse(head));
            } catch (java.io.IOException e) {
              throw new CompletionException(e);
            }
          });
    }

    String request() {
      String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/"
          : uri.getRawPath();
      if (uri.getRawQuery() != null) {
        path += "?" + uri.getRawQuery();
      }
      boolean defaultPort = port == (secure ? 443 : 80);
      String hostHeader = (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host)
          + (defaultPort ? "" : ":" + port);
      HttpHeaders h = HttpHeaders.of("Host", hostHeader, "Upgrade", "websocket",
          "Connection", "Upgrade", "Sec-WebSocket-Key", key, "Sec-WebSocket-Version", "13");
      if (!subprotocols.isEmpty()) {
        h.set("Sec-WebSocket-Protocol", String.join(", ", subprotocols));
      }
      if (options.compression() != null) {
        h.set("Sec-WebSocket-Extensions", DeflateParams.clientOffer(options.compression()));
      }
      if (extra != null) {
        for (HttpHeaders.Field f : extra) {
          h.add(f.name(), f.value());
        }
      }
      StringBuilder sb = new StringBuilder("GET ").append(path).append(" HTTP/1.1\r\n");
      for (HttpHeaders.Field f : h) {
        sb.append(f.name()).append(": ").append(f.value()).append("\r\n");
      }
      return sb.append("\r\n").toString();
    }

    WebSocketConnection accept(IOStream stream, ResponseHeadReader.Head head)
        throws java.io.IOException {
      if (head.status() != 101) {
        throw new HttpClientException(head.status(), head.reason(), null);
      }
      HttpHeaders h = head.headers();
      if (!WebSocketHandshake.hasToken(h.getAll("Upgrade"), "websocket")
          || !WebSocketHandshake.hasToken(h.getAll("Connection"), "upgrade")) {
        throw new WebSocketException("101 without Upgrade: websocket and Connection: upgrade");
      }
      String accept = h.get("Sec-WebSocket-Accept");
      if (accept == null || !accept.trim().equals(WebSocketHandshake.acceptKey(key))) {
        throw new WebSocketException("wrong Sec-WebSocket-Accept");
      }
      String protocol = h.get("Sec-WebSocket-Protocol");
      if (protocol != null && !subprotocols.contains(protocol.trim())) {
        throw new WebSocketException("subprotocol not offered: " + protocol);
      }
      DeflateParams deflate = null;
      List<WebSocketExtension> exts;
      try {
        exts = WebSocketExtension.parse(h.getAll("Sec-WebSocket-Extensions"));
        for (WebSocketExtension e : exts) {
          if (!e.name().equalsIgnoreCase(DeflateParams.NAME) || options.compression() == null
              || deflate != null) {
            throw new WebSocketException("extension not offered: " + e.format());
          }
          deflate = DeflateParams.fromResponse(e);
        }
      } catch (IllegalArgumentException e) {
        throw new WebSocketException("bad Sec-WebSocket-Extensions: " + e.getMessage(), e);
      }
      WebSocketConnection conn = WebSocketConnection.create(stream,
          WebSocketConnection.Role.CLIENT, options, protocol == null ? null : protocol.trim(),
          deflate);
      conn.start();
      return conn;
    }
  }
}
