package dev.eddy.http;

import dev.eddy.stream.StreamOptions;
import dev.eddy.stream.TlsOptions;
import java.util.Objects;
import java.util.Set;

/**
 * How an {@link HttpServer} serves: the connection {@link HttpParameters}, {@code xheaders}
 * (trust {@code X-Real-Ip}/{@code X-Forwarded-For} and {@code X-Scheme}/{@code
 * X-Forwarded-Proto} from a proxy in front), the addresses of further trusted downstream proxies
 * skipped in {@code X-Forwarded-For}, TLS, the most connections served at once (0: no limit;
 * connections over it are accepted and closed at once), stream buffer options, the {@code
 * Server} header (null: none), and whether keep-alive is off. Immutable.
 */
public record HttpServerOptions(HttpParameters params, boolean xheaders,
    Set<String> trustedDownstream, TlsOptions tls, int maxConnections, StreamOptions stream,
    String serverName, boolean noKeepAlive) {

  /** Defaults: {@link HttpParameters#DEFAULTS}, no xheaders, no TLS, no limit, "Eddy". */
  public static final HttpServerOptions DEFAULTS = new HttpServerOptions(HttpParameters.DEFAULTS,
      false, Set.of(), null, 0, StreamOptions.DEFAULTS, "Eddy", false);

  /** @throws IllegalArgumentException for a negative connection limit */
  public HttpServerOptions {
    Objects.requireNonNull(params, "params");
    Objects.requireNonNull(stream, "stream");
    trustedDownstream = Set.copyOf(Objects.requireNonNull(trustedDownstream,
        "trustedDownstream"));
    if (maxConnections < 0) {
      throw new IllegalArgumentException("maxConnections must be 0 (no limit) or more, got "
          + maxConnections);
    }
    if (serverName != null) {
      Grammar.checkFieldValue(serverName);
    }
  }

  public HttpServerOptions withParams(HttpParameters p) {
    return new HttpServerOptions(p, xheaders, trustedDownstream, tls, maxConnections, stream,
        serverName, noKeepAlive);
  }

  public HttpServerOptions withXheaders(boolean on, Set<String> trusted) {
    return new HttpServerOptions(params, on, trusted, tls, maxConnections, stream, serverName,
        noKeepAlive);
  }

  public HttpServerOptions withTls(TlsOptions t) {
    return new HttpServerOptions(params, xheaders, trustedDownstream, t, maxConnections, stream,
        serverName, noKeepAlive);
  }

  public HttpServerOptions withMaxConnections(int n) {
    return new HttpServerOptions(params, xheaders, trustedDownstream, tls, n, stream, serverName,
        noKeepAlive);
  }

  public HttpServerOptions withServerName(String name) {
    return new HttpServerOptions(params, xheaders, trustedDownstream, tls, maxConnections, stream,
        name, noKeepAlive);
  }

  public HttpServerOptions withNoKeepAlive(boolean off) {
    return new HttpServerOptions(params, xheaders, trustedDownstream, tls, maxConnections, stream,
        serverName, off);
  }
}
