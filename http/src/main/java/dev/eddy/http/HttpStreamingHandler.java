package dev.eddy.http;

/**
 * A {@link HttpRequestHandler} that may take some request bodies as they stream in instead of
 * whole: for each request, once its head has arrived, {@link #streamBody} says how. The request
 * given has its head (method, target, headers, client address and protocol) and an empty body.
 *
 * <p>Threading: the connection's loop thread. Errors: an exception thrown ends the request as a
 * thrown handler exception does (500, logged).
 */
public interface HttpStreamingHandler extends HttpRequestHandler {

  /**
   * @return a delegate that receives this request's body ({@code headersReceived} first, with the
   *     head; its returned stage holds the body until it completes; then {@code dataReceived} per
   *     piece, {@code finish}), or null to have the body collected and {@link #handle} called
   */
  HttpMessageDelegate streamBody(HttpServerRequest request) throws Exception;
}
