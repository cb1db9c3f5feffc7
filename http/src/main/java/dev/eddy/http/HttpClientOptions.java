package dev.eddy.http;

import dev.eddy.stream.Resolver;
import dev.eddy.stream.TlsOptions;
import java.time.Duration;
import java.util.Objects;

/**
 * How an {@link AsyncHttpClient} works: Tornado's {@code SimpleAsyncHTTPClient} settings, and
 * the keep-alive pool that Tornado's simple client lacks. Immutable; change a value with a {@code
 * with} method.
 *
 * <table>
 *   <caption>Defaults</caption>
 *   <tr><th>field</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code maxClients}</td><td>10</td><td>requests in progress at once; more wait in a
 *       FIFO queue</td></tr>
 *   <tr><td>{@code params}</td><td>{@link #CLIENT_PARAMS}</td><td>limits of each connection:
 *       {@code maxHeaderBytes} (64 KiB), {@code maxBodySize} (100 MiB, after decompression),
 *       {@code chunkSize} (64 KiB: the most a streaming callback gets at once); no header or
 *       body timeouts (the request timeout covers them)</td></tr>
 *   <tr><td>{@code resolver}</td><td>{@link Resolver#system()}</td><td>host names to addresses
 *       (an {@code OverrideResolver} in tests: Tornado's {@code hostname_mapping}); never closed
 *       by the client</td></tr>
 *   <tr><td>{@code tls}</td><td>null: the JDK's default context</td><td>TLS for {@code https}
 *       requests that bring none; the host name is always verified against the URL's host
 *       unless these options turn verification off</td></tr>
 *   <tr><td>{@code maxIdlePerOrigin}</td><td>10</td><td>idle keep-alive connections kept per
 *       origin; 0 turns pooling off (every request then sends {@code Connection:
 *       close}, as Tornado's simple client)</td></tr>
 *   <tr><td>{@code idleTimeout}</td><td>15 s</td><td>how long an idle connection is kept (null:
 *       until the server closes it)</td></tr>
 *   <tr><td>{@code userAgent}</td><td>{@code Eddy/0.1}</td><td>for requests that name none (null:
 *       no {@code User-Agent})</td></tr>
 * </table>
 *
 * @param maxClients requests in progress at once, at least 1
 * @param params the connection limits
 * @param resolver the resolver
 * @param tls the default TLS options, or null
 * @param maxIdlePerOrigin idle connections kept per origin, 0 or more
 * @param idleTimeout how long an idle connection is kept, or null
 * @param userAgent the default user agent, or null
 */
public record HttpClientOptions(int maxClients, HttpParameters params, Resolver resolver,
    TlsOptions tls, int maxIdlePerOrigin, Duration idleTimeout, String userAgent) {

  /** The default user agent. */
  public static final String USER_AGENT = "Eddy/0.1";

  /**
   * {@link HttpParameters#DEFAULTS} without header and body timeouts, which on a client the
   * request timeout replaces (Tornado's client has none).
   */
  public static final HttpParameters CLIENT_PARAMS =
      HttpParameters.DEFAULTS.withHeaderTimeout(null).withBodyTimeout(null);

  /** The defaults in the table above. */
  public static final HttpClientOptions DEFAULTS = new HttpClientOptions(10, CLIENT_PARAMS,
      Resolver.system(), null, 10, Duration.ofSeconds(15), USER_AGENT);

  /**
   * @throws IllegalArgumentException for {@code maxClients} below 1, a negative {@code
   *     maxIdlePerOrigin}, an idle timeout that is not positive, or a user agent HTTP cannot carry
   */
  public HttpClientOptions {
    if (maxClients < 1) {
      throw new IllegalArgumentException("maxClients must be at least 1, got " + maxClients);
    }
    Objects.requireNonNull(params, "params");
    Objects.requireNonNull(resolver, "resolver");
    if (maxIdlePerOrigin < 0) {
      throw new IllegalArgumentException("maxIdlePerOrigin must be 0 or more, got "
          + maxIdlePerOrigin);
    }
    if (idleTimeout != null && (idleTimeout.isZero() || idleTimeout.isNegative())) {
      throw new IllegalArgumentException("idleTimeout must be positive (or null), got "
          + idleTimeout);
    }
    if (userAgent != null) {
      Grammar.checkFieldValue(userAgent);
    }
  }

  public HttpClientOptions withMaxClients(int n) {
    return new HttpClientOptions(n, params, resolver, tls, maxIdlePerOrigin, idleTimeout,
        userAgent);
  }

  public HttpClientOptions withParams(HttpParameters p) {
    return new HttpClientOptions(maxClients, p, resolver, tls, maxIdlePerOrigin, idleTimeout,
        userAgent);
  }

  /** These options with {@code params.maxBodySize} set to {@code n}. */
  public HttpClientOptions withMaxBodySize(long n) {
    return withParams(params.withMaxBodySize(n));
  }

  public HttpClientOptions withResolver(Resolver r) {
    return new HttpClientOptions(maxClients, params, r, tls, maxIdlePerOrigin, idleTimeout,
        userAgent);
  }

  public HttpClientOptions withTls(TlsOptions t) {
    return new HttpClientOptions(maxClients, params, resolver, t, maxIdlePerOrigin, idleTimeout,
        userAgent);
  }

  public HttpClientOptions withMaxIdlePerOrigin(int n) {
    return new HttpClientOptions(maxClients, params, resolver, tls, n, idleTimeout, userAgent);
  }

  public HttpClientOptions withIdleTimeout(Duration d) {
    return new HttpClientOptions(maxClients, params, resolver, tls, maxIdlePerOrigin, d,
        userAgent);
  }

  public HttpClientOptions withUserAgent(String ua) {
    return new HttpClientOptions(maxClients, params, resolver, tls, maxIdlePerOrigin,
        idleTimeout, ua);
  }
}
