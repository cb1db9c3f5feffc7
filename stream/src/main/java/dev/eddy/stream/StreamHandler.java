package dev.eddy.stream;

import java.net.SocketAddress;
import java.util.concurrent.CompletionStage;

/**
 * What a {@link TcpServer} does with each connection: Tornado's {@code handle_stream}.
 *
 * <p>Called on the loop's thread that owns the stream. Errors: an exception thrown, or a returned
 * stage that fails, is logged and the stream is closed; the server goes on.
 */
@FunctionalInterface
public interface StreamHandler {

  /**
   * @param stream the accepted connection (a TLS stream whose handshake may still be running if
   *     the server has TLS)
   * @param address the peer's address
   * @return null, or a stage that completes when the handler is done with the connection (only
   *     its failure matters)
   */
  CompletionStage<?> handleStream(IOStream stream, SocketAddress address) throws Exception;
}
