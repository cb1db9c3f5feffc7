package dev.eddy.http;

import java.util.concurrent.CompletionStage;

/**
 * Handles a whole request (body read): the simple way to serve HTTP with {@link HttpServer}.
 * Answer through {@link HttpServerRequest#respond} (or its streaming methods).
 *
 * <p>Threading: called on the connection's loop thread. Errors: an exception thrown, or a
 * returned stage that fails, is logged; if no response was started the client gets a 500,
 * otherwise the connection is closed.
 */
@FunctionalInterface
public interface HttpRequestHandler {

  /** @return null, or a stage that completes when the handler is done */
  CompletionStage<?> handle(HttpServerRequest request) throws Exception;
}
