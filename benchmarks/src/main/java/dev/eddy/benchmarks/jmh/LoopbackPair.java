package dev.eddy.benchmarks.jmh;

import dev.eddy.loop.IOLoop;
import dev.eddy.stream.IOStream;
import dev.eddy.stream.TcpServer;
import java.io.IOException;
import java.net.SocketAddress;
import java.util.concurrent.CompletableFuture;

/**
 * Two connected {@link IOStream}s over loopback TCP, both on one loop: the client end and the
 * accepted end. Made with the loop not running; the caller's thread runs the loop until both ends
 * exist, and the listening socket is closed again.
 */
record LoopbackPair(IOStream client, IOStream server) implements AutoCloseable {

  /** Connects a pair on {@code loop}, running it on the calling thread until connected. */
  static LoopbackPair open(IOLoop loop) throws IOException {
    CompletableFuture<IOStream> accepted = new CompletableFuture<>();
    TcpServer listener = new TcpServer(loop, (stream, address) -> {
      accepted.complete(stream);
      return null;
    });
    try {
      SocketAddress address = listener.listen(0, "127.0.0.1").get(0);
      IOStream client = LoopDriver.await(loop,
          IOStream.connect(loop, address).thenCombine(accepted, (c, s) -> c));
      return new LoopbackPair(client, accepted.join());
    } finally {
      listener.stop();
    }
  }

  /** Closes both ends (call with the loop not running, or on its thread). */
  @Override
  public void close() {
    client.close();
    server.close();
  }
}
