package dev.eddy.http;

import java.util.concurrent.CompletionStage;

/**
 * Receives a response body as it arrives instead of collecting it: Tornado's {@code
 * streaming_callback}. The {@link HttpResponse#body()} of such a request is then empty. Only
 * the final response's body is given: the bodies of redirects that are followed are dropped.
 * Decompressed pieces when the response was gzipped and the request decompresses.
 *
 * <p>Back-pressure: a returned stage holds the reading of the response until it completes, so a
 * slow consumer slows the server down instead of buffering the body. The next call never comes
 * before the returned stage completed.
 *
 * <p>Threading: the client's loop thread. Errors: an exception thrown, or a stage that fails,
 * fails the fetch (code 599) and closes the connection.
 */
@FunctionalInterface
public interface StreamingCallback {

  /**
   * A piece of the body (at most {@link HttpParameters#chunkSize()} bytes).
   *
   * @return null, or a stage to wait for before more is read
   */
  CompletionStage<?> onChunk(byte[] chunk) throws Exception;
}
