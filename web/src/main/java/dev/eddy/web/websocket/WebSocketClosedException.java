package dev.eddy.web.websocket;

/**
 * A write or ping on a {@link WebSocketConnection} that is closing or closed: Tornado's {@code
 * WebSocketClosedError}.
 */
public class WebSocketClosedException extends WebSocketException {

  private static final long serialVersionUID = 1L;

  public WebSocketClosedException(String message) {
    super(message);
  }

  public WebSocketClosedException(String message, Throwable cause) {
    super(message, cause);
  }
}
