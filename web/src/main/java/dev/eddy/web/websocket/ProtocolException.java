package dev.eddy.web.websocket;

/** A violation by the peer: the connection fails with close {@link #code}. Package-private. */
final class ProtocolException extends Exception {

  private static final long serialVersionUID = 1L;

  final int code;

  ProtocolException(int code, String message) {
    super(message, null, false, false);
    this.code = code;
  }
}
