package dev.eddy.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * An {@code http} or {@code https} URL as the client uses it (RFC 9110 §4.2): scheme (lower
 * case), host (without the brackets of an IPv6 literal), port (the scheme's default when none is
 * given), the request target in origin-form (path and query as written, {@code /} for an empty
 * path, no fragment), and the decoded user information, if any.
 *
 * @param scheme {@code http} or {@code https}
 * @param host the host name or literal address
 * @param port the port
 * @param target the origin-form request target
 * @param userInfo the decoded {@code user:password}, or null
 * @param text the URL as given (the effective URL of a response)
 */
record ClientUrl(String scheme, String host, int port, String target, String userInfo,
    String text) {

  /**
   * Parses {@code url}.
   *
   * @throws IllegalArgumentException if it is not a valid absolute URL, its scheme is neither
   *     {@code http} nor {@code https}, or it has no host
   */
  static ClientUrl parse(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("Invalid URL: " + e.getMessage(), e);
    }
    return of(uri, url);
  }

  private static ClientUrl of(URI uri, String text) {
    String scheme = uri.getScheme();
    if (scheme == null) {
      throw new IllegalArgumentException("Not an absolute URL: " + text);
    }
    scheme = scheme.toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException("Unsupported URL scheme: " + scheme);
    }
    String host = uri.getHost();
    if (host == null || host.isEmpty()) {
      throw new IllegalArgumentException("No host in URL: " + text);
    }
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port = uri.getPort();
    if (port < 0) {
      port = scheme.equals("https") ? 443 : 80;
    }
    String path = uri.getRawPath();
    String target = (path == null || path.isEmpty()) ? "/" : path;
    if (uri.getRawQuery() != null) {
      target = target + "?" + uri.getRawQuery();
    }
    return new ClientUrl(scheme, host, port, target, uri.getUserInfo(), text);
  }

  /**
   * The URL a {@code Location} field value refers to, relative to this one (RFC 3986 §5).
   *
   * @throws IllegalArgumentException if it is not a valid reference, or refers to a URL this
   *     client does not fetch (another scheme, no host)
   */
  ClientUrl resolve(String location) {
    URI base;
    URI ref;
    try {
      base = new URI(text);
      if (base.getRawPath() == null || base.getRawPath().isEmpty()) {
        // java.net.URI resolves against an empty base path without the "/" RFC 3986 §5.2.3 adds.
        base = new URI(base.getScheme(), base.getRawAuthority(), "/", null, null);
      }
      if (location.startsWith("?")) {
        // RFC 3986 keeps the base path for a query-only reference; RFC 2396 (java.net.URI)
        // drops its last segment.
        String q = location.substring(1);
        int hash = q.indexOf('#');
        String query = hash < 0 ? q : q.substring(0, hash);
        ref = new URI(base.getScheme() + "://" + base.getRawAuthority() + base.getRawPath() + "?"
            + query);
        return of(ref, ref.toString());
      }
      ref = new URI(location);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("Invalid redirect location: " + e.getMessage(), e);
    }
    URI resolved = ref.isAbsolute() ? ref : base.resolve(ref);
    return of(resolved, resolved.toString());
  }

  /** The {@code Host} field value: host, and the port unless it is the scheme's default. */
  String hostHeader() {
    String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    boolean defaultPort = scheme.equals("https") ? port == 443 : port == 80;
    return defaultPort ? h : h + ":" + port;
  }

  /** True if {@code other} has the same origin: scheme, host (any case) and port (RFC 6454). */
  boolean sameOrigin(ClientUrl other) {
    return scheme.equals(other.scheme) && host.equalsIgnoreCase(other.host)
        && port == other.port;
  }

  @Override
  public String toString() {
    return text;
  }
}
