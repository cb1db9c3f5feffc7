package dev.eddy.http;

import java.io.IOException;

/**
 * The peer sent something HTTP/1.1 does not allow: the one exception type for every peer error,
 * caught in one place. On a server it carries the status to answer with (400, 413, 414, 431, 501,
 * 505, as RFC 9112 says); the connection then answers once, with {@code Connection: close}, and
 * closes. On a client the status is 0: the response was malformed.
 */
public class HttpInputException extends IOException {

  private static final long serialVersionUID = 1L;

  private final int status;

  /**
   * @param status the response status for the peer (400, 413, 414, 431, 501, 505), or 0
   * @param message what was wrong, for the log and the response body
   */
  public HttpInputException(int status, String message) {
    super(message);
    this.status = status;
  }

  /** The status to answer with, or 0 on the client side. */
  public int status() {
    return status;
  }
}
