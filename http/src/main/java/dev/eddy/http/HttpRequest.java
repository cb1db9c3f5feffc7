package dev.eddy.http;

import dev.eddy.stream.TlsOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/**
 * A request for {@link AsyncHttpClient#fetch}: Tornado's {@code HTTPRequest}. Immutable: make one
 * with {@link #get}, {@link #post} or a {@link #builder}, change a copy with {@link #toBuilder()}.
 *
 * <pre>{@code
 * HttpRequest r = HttpRequest.builder("https://example.com/upload")
 *     .method("PUT").header("Content-Type", "application/json").body(json)
 *     .requestTimeout(Duration.ofSeconds(5)).auth("user", "secret").build();
 * }</pre>
 *
 * <p>Defaults, as Tornado's: method {@code GET}, connect and request timeouts 20 s (zero: none),
 * follow redirects, at most 5, decompress gzip responses, raise an error for non-2xx statuses,
 * the client's user agent ({@code Eddy/0.1}), the client's TLS settings (the JDK's trusted
 * certificates, host name verified).
 *
 * <p>Checked when built, as Tornado checks: the URL must be {@code http} or {@code https} with a
 * host; the method a token; a body (or body producer) is required for POST, PUT and PATCH and
 * refused for the other methods unless {@link Builder#allowNonstandardMethods}; header names and
 * values may not hold CR, LF or other controls ({@link HttpHeaders#add}). Violations are an {@link
 * IllegalArgumentException}. Thread-safe (the callbacks it holds run on the client's loop).
 */
public final class HttpRequest {

  /** Tornado's default connect timeout. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(20);
  /** Tornado's default request timeout. */
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(20);
  /** Tornado's default redirect limit. */
  public static final int DEFAULT_MAX_REDIRECTS = 5;

  private final String url;
  private final ClientUrl parsedUrl;
  private final String method;
  private final HttpHeaders headers;
  private final byte[] body;
  private final BodyProducer bodyProducer;
  private final Duration connectTimeout;
  private final Duration requestTimeout;
  private final boolean followRedirects;
  private final int maxRedirects;
  private final boolean decompress;
  private final StreamingCallback streamingCallback;
  private final HeaderCallback headerCallback;
  private final String authUsername;
  private final String authPassword;
  private final String userAgent;
  private final boolean raiseError;
  private final TlsOptions tls;
  private final boolean allowNonstandardMethods;

  private HttpRequest(Builder b) {
    this.url = b.url;
    this.parsedUrl = ClientUrl.parse(b.url);
    this.method = b.method;
    this.headers = b.headers.copy();
    this.body = b.body;
    this.bodyProducer = b.bodyProducer;
    this.connectTimeout = b.connectTimeout;
    this.requestTimeout = b.requestTimeout;
    this.followRedirects = b.followRedirects;
    this.maxRedirects = b.maxRedirects;
    this.decompress = b.decompress;
    this.streamingCallback = b.streamingCallback;
    this.headerCallback = b.headerCallback;
    this.authUsername = b.authUsername;
    this.authPassword = b.authPassword;
    this.userAgent = b.userAgent;
    this.raiseError = b.raiseError;
    this.tls = b.tls;
    this.allowNonstandardMethods = b.allowNonstandardMethods;
  }

  /**
   * A GET of {@code url}.
   *
   * @throws IllegalArgumentException for a URL the client cannot fetch
   */
  public static HttpRequest get(String url) {
    return builder(url).build();
  }

  /**
   * A POST of {@code body} to {@code url}.
   *
   * @throws IllegalArgumentException for a URL the client cannot fetch
   */
  public static HttpRequest post(String url, byte[] body) {
    return builder(url).method("POST").body(body).build();
  }

  /** A POST of {@code body} as UTF-8 to {@code url}. */
  public static HttpRequest post(String url, String body) {
    return post(url, body.getBytes(StandardCharsets.UTF_8));
  }

  /** A builder of a request for {@code url}, with the defaults. */
  public static Builder builder(String url) {
    return new Builder(url);
  }

  /** A builder holding this request's settings. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** The URL as given. */
  public String url() {
    return url;
  }

  ClientUrl parsedUrl() {
    return parsedUrl;
  }

  public String method() {
    return method;
  }

  /** A copy of the header fields to send (the client adds Host, User-Agent, … as needed). */
  public HttpHeaders headers() {
    return headers.copy();
  }

  /** A copy of the body, or null for none (or a body producer). */
  public byte[] body() {
    return body == null ? null : body.clone();
  }

  /** The body itself, not copied: the client's. */
  byte[] bodyBytes() {
    return body;
  }

  /** The body producer, or null. */
  public BodyProducer bodyProducer() {
    return bodyProducer;
  }

  /** The longest resolving, connecting and the TLS handshake may take; zero: no limit. */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /**
   * The longest the whole request may take, waiting in the client's queue included; zero: no
   * limit. Each redirect followed starts afresh.
   */
  public Duration requestTimeout() {
    return requestTimeout;
  }

  public boolean followRedirects() {
    return followRedirects;
  }

  /** How many more redirects may be followed. */
  public int maxRedirects() {
    return maxRedirects;
  }

  /** Whether a gzip response is decompressed (and {@code Accept-Encoding: gzip} sent). */
  public boolean decompress() {
    return decompress;
  }

  public StreamingCallback streamingCallback() {
    return streamingCallback;
  }

  public HeaderCallback headerCallback() {
    return headerCallback;
  }

  /** The basic-auth user name, or null. */
  public String authUsername() {
    return authUsername;
  }

  /** The basic-auth password, or null. */
  public String authPassword() {
    return authPassword;
  }

  /** The {@code User-Agent}, or null for the client's. */
  public String userAgent() {
    return userAgent;
  }

  /** Whether a non-2xx response fails the fetch (true) or is returned (false). */
  public boolean raiseError() {
    return raiseError;
  }

  /**
   * The TLS settings for {@code https}, or null for the client's. The server name (SNI and the
   * name verified) is always the URL's host.
   */
  public TlsOptions tls() {
    return tls;
  }

  public boolean allowNonstandardMethods() {
    return allowNonstandardMethods;
  }

  @Override
  public String toString() {
    return "HttpRequest[" + method + " " + url + "]";
  }

  /**
   * Collects a request's settings. Not thread-safe; {@link #build()} checks them and makes an
   * immutable {@link HttpRequest}.
   */
  public static final class Builder {
    private String url;
    private String method = "GET";
    private HttpHeaders headers = new HttpHeaders();
    private byte[] body;
    private BodyProducer bodyProducer;
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
    private boolean followRedirects = true;
    private int maxRedirects = DEFAULT_MAX_REDIRECTS;
    private boolean decompress = true;
    private StreamingCallback streamingCallback;
    private HeaderCallback headerCallback;
    private String authUsername;
    private String authPassword;
    private String userAgent;
    private boolean raiseError = true;
    private TlsOptions tls;
    private boolean allowNonstandardMethods;

    private Builder(String url) {
      this.url = Objects.requireNonNull(url, "url");
    }

    private Builder(HttpRequest r) {
      url = r.url;
      method = r.method;
      headers = r.headers.copy();
      body = r.body;
      bodyProducer = r.bodyProducer;
      connectTimeout = r.connectTimeout;
      requestTimeout = r.requestTimeout;
      followRedirects = r.followRedirects;
      maxRedirects = r.maxRedirects;
      decompress = r.decompress;
      streamingCallback = r.streamingCallback;
      headerCallback = r.headerCallback;
      authUsername = r.authUsername;
      authPassword = r.authPassword;
      userAgent = r.userAgent;
      raiseError = r.raiseError;
      tls = r.tls;
      allowNonstandardMethods = r.allowNonstandardMethods;
    }

    public Builder url(String url) {
      this.url = Objects.requireNonNull(url, "url");
      return this;
    }

    /** The method, a token such as {@code GET} (case-sensitive, RFC 9110 §9.1). */
    public Builder method(String method) {
      this.method = Objects.requireNonNull(method, "method");
      return this;
    }

    /**
     * Sets a header field, replacing any of the same name.
     *
     * @throws IllegalArgumentException for a name that is not a token or a value with CR, LF or
     *     another control character
     */
    public Builder header(String name, String value) {
      headers.set(name, value);
      return this;
    }

    /** Adds a header field after any of the same name; checked as {@link #header}. */
    public Builder addHeader(String name, String value) {
      headers.add(name, value);
      return this;
    }

    /** Removes every header field named {@code name}. */
    public Builder removeHeader(String name) {
      headers.remove(name);
      return this;
    }

    /** Replaces all header fields with a copy of {@code h}. */
    public Builder headers(HttpHeaders h) {
      headers = h.copy();
      return this;
    }

    /** The body (copied), sent with {@code Content-Length}; null for none. */
    public Builder body(byte[] body) {
      this.body = body == null ? null : body.clone();
      return this;
    }

    /** The body as UTF-8. */
    public Builder body(String body) {
      return body(body.getBytes(StandardCharsets.UTF_8));
    }

    /** A producer of the body (chunked unless a Content-Length header is set); null for none. */
    public Builder bodyProducer(BodyProducer producer) {
      this.bodyProducer = producer;
      return this;
    }

    /** See {@link HttpRequest#connectTimeout()}; zero or null: no limit. */
    public Builder connectTimeout(Duration d) {
      this.connectTimeout = nonNegative("connectTimeout", d);
      return this;
    }

    /** See {@link HttpRequest#requestTimeout()}; zero or null: no limit. */
    public Builder requestTimeout(Duration d) {
      this.requestTimeout = nonNegative("requestTimeout", d);
      return this;
    }

    public Builder followRedirects(boolean follow) {
      this.followRedirects = follow;
      return this;
    }

    /** @throws IllegalArgumentException if negative */
    public Builder maxRedirects(int n) {
      if (n < 0) {
        throw new IllegalArgumentException("maxRedirects must be 0 or more, got " + n);
      }
      this.maxRedirects = n;
      return this;
    }

    public Builder decompress(boolean decompress) {
      this.decompress = decompress;
      return this;
    }

    public Builder streamingCallback(StreamingCallback callback) {
      this.streamingCallback = callback;
      return this;
    }

    public Builder headerCallback(HeaderCallback callback) {
      this.headerCallback = callback;
      return this;
    }

    /**
     * Basic authentication (RFC 7617, UTF-8); a null user name for none, a null password for an
     * empty one (Tornado's rule). Without it, the user information of the URL ({@code
     * http://user:pass@host/}) is used.
     */
    public Builder auth(String username, String password) {
      this.authUsername = username;
      this.authPassword = password;
      return this;
    }

    /** The {@code User-Agent} (over a header of that name); null for the client's default. */
    public Builder userAgent(String userAgent) {
      this.userAgent = userAgent;
      return this;
    }

    /** See {@link HttpRequest#raiseError()}. */
    public Builder raiseError(boolean raise) {
      this.raiseError = raise;
      return this;
    }

    /** See {@link HttpRequest#tls()}. */
    public Builder tls(TlsOptions tls) {
      this.tls = tls;
      return this;
    }

    /** Allows any method, with or without a body. */
    public Builder allowNonstandardMethods(boolean allow) {
      this.allowNonstandardMethods = allow;
      return this;
    }

    /**
     * The request.
     *
     * @throws IllegalArgumentException as the class comment says
     */
    public HttpRequest build() {
      if (!Grammar.isToken(method)) {
        throw new IllegalArgumentException("not a method token: " + method);
      }
      if (body != null && bodyProducer != null) {
        throw new IllegalArgumentException("a request has a body or a body producer, not both");
      }
      if (!allowNonstandardMethods) {
        boolean expected = method.equals("POST") || method.equals("PUT")
            || method.equals("PATCH");
        boolean present = body != null || bodyProducer != null;
        if (expected && !present) {
          throw new IllegalArgumentException("Body must not be null for method " + method);
        }
        if (!expected && present) {
          throw new IllegalArgumentException("Body must be null for method " + method);
        }
      }
      if (userAgent != null) {
        Grammar.checkFieldValue(userAgent);
      }
      if (authUsername != null && authUsername.indexOf(':') >= 0) {
        throw new IllegalArgumentException("a basic-auth user name cannot hold ':' (RFC 7617)");
      }
      return new HttpRequest(this);
    }

    private static Duration nonNegative(String name, Duration d) {
      if (d == null) {
        return Duration.ZERO;
      }
      if (d.isNegative()) {
        throw new IllegalArgumentException(name + " cannot be negative, got " + d);
      }
      return d;
    }
  }
}
