package dev.eddy.web;

import dev.eddy.http.Reasons;

/**
 * Thrown by a handler (or failing its returned stage) to answer with an error status: Tornado's
 * {@code HTTPError}. The framework turns it into {@link RequestHandler#sendError}; the log message
 * goes to the log only, never to the client.
 */
public class HttpError extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int status;
  private final String reason;

  /** An error with the standard reason phrase. */
  public HttpError(int status) {
    this(status, null, null);
  }

  /**
   * @param status the response status
   * @param logMessage what to log (not sent to the client), or null
   * @param reason the reason phrase, or null for the standard one
   */
  public HttpError(int status, String logMessage, String reason) {
    super("HTTP " + status + (logMessage != null ? ": " + logMessage : ""));
    this.status = status;
    this.reason = reason != null ? reason : Reasons.of(status);
  }

  public int status() {
    return status;
  }

  public String reason() {
    return reason;
  }
}
