package dev.eddy.http;

import java.net.SocketAddress;

/**
 * Makes a {@link HttpMessageDelegate} for each request of a connection: Tornado's {@code
 * HTTPServerConnectionDelegate}, for servers that stream request bodies (the web framework's
 * {@code Application} is one). Loop thread.
 */
public interface HttpServerConnectionDelegate {

  /** A request starts on {@code connection}; its head has not been read yet. */
  HttpMessageDelegate startRequest(Http1Connection connection, SocketAddress peer);

  /** The connection is closed; no more requests come from it. */
  default void onClose(Http1Connection connection) {}
}
