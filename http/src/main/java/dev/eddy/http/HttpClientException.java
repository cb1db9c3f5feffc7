package dev.eddy.http;

import java.io.IOException;

/**
 * A fetch of {@link AsyncHttpClient} (or {@link HttpClient}) failed: Tornado's {@code
 * HTTPClientError}.
 *
 * <ul>
 *   <li>An HTTP error status: {@link #code()} is the status (a non-2xx the request did not follow,
 *       such as 404, or the last 3xx when {@link HttpRequest#maxRedirects()} ran out), {@link
 *       #reason()} its reason phrase, and {@link #response()} the whole response. With {@link
 *       HttpRequest.Builder#raiseError(boolean) raiseError(false)} such a response is returned
 *       instead, with this exception as its {@link HttpResponse#error()}.</li>
 *   <li>No response at all: {@link #code()} is {@value #NO_RESPONSE}, {@link #response()} is null,
 *       {@link #reason()} says why ("Timeout while connecting", "Timeout during request", "Timeout
 *       in request queue", "Stream closed", the connect error such as "Connection refused", a
 *       malformed response, "Decompressed body larger than N bytes", …) and {@link #getCause()}
 *       is the underlying error, if any. As in Tornado 6, these are raised even with {@code
 *       raiseError(false)}.</li>
 * </ul>
 *
 * <p>The message is Tornado's: {@code "HTTP 404: Not Found"}. Immutable.
 */
public class HttpClientException extends IOException {

  private static final long serialVersionUID = 1L;

  /** The code of a failure without an HTTP response (Tornado's and curl's convention). */
  public static final int NO_RESPONSE = 599;

  private final int code;
  private final String reason;
  private final transient HttpResponse response;

  /**
   * @param code the HTTP status, or {@value #NO_RESPONSE}
   * @param reason the reason phrase, or what went wrong; null gives the standard phrase
   * @param response the response, or null
   * @param cause the underlying error, or null
   */
  public HttpClientException(int code, String reason, HttpResponse response, Throwable cause) {
    super("HTTP " + code + ": " + (reason != null ? reason : Reasons.of(code)), cause);
    this.code = code;
    this.reason = reason != null ? reason : Reasons.of(code);
    this.response = response;
  }

  /** An error for a response with a non-2xx status, without cause. */
  public HttpClientException(int code, String reason, HttpResponse response) {
    this(code, reason, response, null);
  }

  /** A {@value #NO_RESPONSE}: nothing (or nothing usable) came back. */
  static HttpClientException noResponse(String reason, Throwable cause) {
    return new HttpClientException(NO_RESPONSE, reason, null, cause);
  }

  /** The HTTP status, or {@value #NO_RESPONSE} when there was no response. */
  public int code() {
    return code;
  }

  /** The response's reason phrase, or what went wrong. */
  public String reason() {
    return reason;
  }

  /** The response for an HTTP error status; null for {@value #NO_RESPONSE}. */
  public HttpResponse response() {
    return response;
  }
}
