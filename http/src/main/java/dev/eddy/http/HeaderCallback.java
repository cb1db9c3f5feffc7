package dev.eddy.http;

import java.util.concurrent.CompletionStage;

/**
 * Receives the head of the final response before its body: Tornado's {@code header_callback},
 * given the parsed status line and fields instead of one call per raw line. Not called for
 * redirects that are followed. When the client decompresses a gzipped response the headers
 * already show it: {@code Content-Encoding} is renamed {@code X-Consumed-Content-Encoding}, as
 * in Tornado.
 *
 * <p>Back-pressure: a returned stage holds the reading of the body until it completes.
 *
 * <p>Threading: the client's loop thread. Errors: an exception thrown, or a stage that fails,
 * fails the fetch (code 599) and closes the connection.
 */
@FunctionalInterface
public interface HeaderCallback {

  /**
   * @param line the status line
   * @param headers the response's fields (the same object the response will carry)
   * @return null, or a stage to wait for before the body is read
   */
  CompletionStage<?> onHeaders(ResponseStartLine line, HttpHeaders headers) throws Exception;
}
