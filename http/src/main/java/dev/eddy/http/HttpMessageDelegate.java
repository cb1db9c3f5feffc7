package dev.eddy.http;

import java.util.concurrent.CompletionStage;

/**
 * Receives one HTTP message as the connection reads it: Tornado's {@code HTTPMessageDelegate}.
 * On a server, one per request; on a client, one per response.
 *
 * <p>Back-pressure: a stage returned by {@link #headersReceived} or {@link #dataReceived} holds the
 * connection's reading until it completes (null means "go on at once"), so a slow consumer of a
 * streamed body slows the peer down instead of buffering the body.
 *
 * <p>Threading: every method is called on the connection's loop thread. Errors: an exception
 * thrown (or a failed stage) ends the message: the connection is closed ({@link
 * #onConnectionClose()} is not called for it then).
 */
public interface HttpMessageDelegate {

  /**
   * The head has arrived.
   *
   * @param startLine a {@link RequestStartLine} on a server, a {@link ResponseStartLine} on a client
   * @return null, or a stage to wait for before the body is read
   */
  default CompletionStage<?> headersReceived(Object startLine, HttpHeaders headers)
      throws Exception {
    return null;
  }

  /**
   * A piece of the body (at most {@link HttpParameters#chunkSize()} bytes), decoded (dechunked,
   * and decompressed when asked for).
   *
   * @return null, or a stage to wait for before more of the body is read
   */
  default CompletionStage<?> dataReceived(byte[] chunk) throws Exception {
    return null;
  }

  /** The whole message has been read. */
  default void finish() throws Exception {}

  /** The connection closed before the message was complete. */
  default void onConnectionClose() {}
}
