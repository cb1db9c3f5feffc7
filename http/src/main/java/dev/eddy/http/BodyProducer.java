package dev.eddy.http;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Writes a request body piece by piece: Tornado's {@code body_producer}. Without a {@code
 * Content-Length} header the request is sent chunked.
 *
 * <pre>{@code
 * HttpRequest.builder(url).method("PUT").bodyProducer(write ->
 *     write.write(part1).thenCompose(v -> write.write(part2)))
 * }</pre>
 *
 * <p>Threading: called on the client's loop thread once the request head is written; {@link
 * Writer#write} is called there too. Errors: an exception thrown, or a returned stage that fails,
 * fails the fetch (code 599, the exception as cause) and closes the connection. A request with a
 * body producer is never retried once the producer was called, and a 307/308 redirect of it is
 * not followed (the body cannot be sent twice): the 3xx response is the result.
 */
@FunctionalInterface
public interface BodyProducer {

  /**
   * Writes the body with {@code writer}.
   *
   * @return a stage that completes when the whole body was written (null: done already)
   */
  CompletionStage<?> produce(Writer writer) throws Exception;

  /** Sends pieces of a request body. */
  @FunctionalInterface
  interface Writer {

    /**
     * Sends {@code chunk} (as one chunk when chunked). The array belongs to the connection from
     * now on.
     *
     * @return completes when the piece has been handed to the kernel: wait for it before writing
     *     much more (flow control); fails if the connection closed
     */
    CompletableFuture<Void> write(byte[] chunk);
  }
}
