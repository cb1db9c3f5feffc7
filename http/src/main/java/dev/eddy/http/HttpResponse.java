package dev.eddy.http;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * A response fetched by {@link AsyncHttpClient}: Tornado's {@code HTTPResponse}. Immutable (the
 * headers and body are copied on the way out).
 *
 * <p>{@link #error()} is set for a status outside 2xx (an {@link HttpClientException} holding this
 * response); such a response is returned only to a request with {@code raiseError(false)},
 * otherwise the fetch fails with that error. {@link #rethrow()} throws it.
 */
public final class HttpResponse {

  private final HttpRequest request;
  private final int code;
  private final String reason;
  private final HttpHeaders headers;
  private final byte[] body;
  private final String effectiveUrl;
  private final Duration requestTime;
  private final HttpClientException error;

  /**
   * @param request the request as given to fetch (before any redirect)
   * @param code the status code
   * @param reason the reason phrase (may be empty)
   * @param headers the header fields (copied)
   * @param body the body (copied); empty for none or for a streamed body
   * @param effectiveUrl the URL of the final response, after redirects
   * @param requestTime how long the fetch took
   */
  public HttpResponse(HttpRequest request, int code, String reason, HttpHeaders headers,
      byte[] body, String effectiveUrl, Duration requestTime) {
    this(request, code, reason, headers.copy(), body.clone(), effectiveUrl, requestTime, true);
  }

  /** Without copies: the client's. */
  HttpResponse(HttpRequest request, int code, String reason, HttpHeaders headers, byte[] body,
      String effectiveUrl, Duration requestTime, boolean owned) {
    this.request = Objects.requireNonNull(request, "request");
    this.code = code;
    this.reason = Objects.requireNonNull(reason, "reason");
    this.headers = Objects.requireNonNull(headers, "headers");
    this.body = Objects.requireNonNull(body, "body");
    this.effectiveUrl = Objects.requireNonNull(effectiveUrl, "effectiveUrl");
    this.requestTime = Objects.requireNonNull(requestTime, "requestTime");
    this.error = code >= 200 && code < 300 ? null
        : new HttpClientException(code, reason.isEmpty() ? null : reason, this);
  }

  /** The request given to fetch (the original, not a redirect's). */
  public HttpRequest request() {
    return request;
  }

  /** The status code. */
  public int code() {
    return code;
  }

  /** The reason phrase as received (may be empty). */
  public String reason() {
    return reason;
  }

  /** A copy of the header fields. */
  public HttpHeaders headers() {
    return headers.copy();
  }

  /** The value of the first field named {@code name}, or null. */
  public String header(String name) {
    return headers.get(name);
  }

  /** A copy of the body (decompressed if it was gzipped); empty with a streaming callback. */
  public byte[] body() {
    return body.clone();
  }

  /** The body's length. */
  public int bodyLength() {
    return body.length;
  }

  /** The body as text, in the charset of {@code Content-Type}, else UTF-8. */
  public String bodyText() {
    return new String(body, charset());
  }

  private Charset charset() {
    String type = headers.get("Content-Type");
    if (type != null) {
      for (String param : type.split(";")) {
        String p = param.trim();
        if (p.toLowerCase(Locale.ROOT).startsWith("charset=")) {
          String name = p.substring(8).trim().replace("\"", "");
          try {
            return Charset.forName(name);
          } catch (RuntimeException unknown) {
            return StandardCharsets.UTF_8;
          }
        }
      }
    }
    return StandardCharsets.UTF_8;
  }

  /** The URL of this response: the request's, or the last redirect's. */
  public String effectiveUrl() {
    return effectiveUrl;
  }

  /** From the call to fetch to the end of the response, redirects included. */
  public Duration requestTime() {
    return requestTime;
  }

  /** The error for a non-2xx status, or null. */
  public HttpClientException error() {
    return error;
  }

  /** Throws {@link #error()} if there is one. */
  public void rethrow() throws HttpClientException {
    if (error != null) {
      throw error;
    }
  }

  @Override
  public String toString() {
    return "HttpResponse[" + code + " " + reason + ", " + body.length + " bytes, " + effectiveUrl
        + "]";
  }
}
