package dev.eddy.web.websocket;

import java.io.IOException;

/**
 * A WebSocket failed: a handshake the client could not accept (a 101 answer without the right
 * {@code Upgrade}, {@code Connection}, {@code Sec-WebSocket-Accept}, or with an extension or
 * subprotocol that was not offered), Tornado's {@code WebSocketError}. An HTTP error answer to the
 * handshake is a {@link dev.eddy.http.HttpClientException} instead.
 */
public class WebSocketException extends IOException {

  private static final long serialVersionUID = 1L;

  public WebSocketException(String message) {
    super(message);
  }

  public WebSocketException(String message, Throwable cause) {
    super(message, cause);
  }
}
