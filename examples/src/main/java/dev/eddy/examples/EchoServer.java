package dev.eddy.examples;

import dev.eddy.loop.IOLoop;
import dev.eddy.loop.spi.ListenOptions;
import dev.eddy.loop.spi.PollHandle;
import dev.eddy.loop.spi.ServerSocketHandle;
import dev.eddy.loop.spi.SocketHandle;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * A TCP echo server written directly on the loop's handlers (before the stream layer exists):
 * every byte a client sends comes back. Runs on the loop's thread.
 */
final class EchoServer {

  private static final int ACCEPTS_PER_EVENT = 128;
  private final IOLoop loop;
  private ServerSocketHandle listener;
  private int connections;

  EchoServer(IOLoop loop) {
    this.loop = loop;
  }

  /** Listens on {@code address}; returns the bound address (a real port for port 0). */
  InetSocketAddress listen(InetSocketAddress address) throws IOException {
    listener = loop.transport().listen(address, ListenOptions.DEFAULTS);
    loop.addHandler(listener, IOLoop.READ, (h, events) -> acceptSome());
    return (InetSocketAddress) listener.localAddress();
  }

  int connections() {
    return connections;
  }

  void close() throws IOException {
    loop.removeHandler(listener);
    listener.close();
  }

  /**
   * Accepts what is pending, at most {@value #ACCEPTS_PER_EVENT} per readiness event (Tornado's
   * number): a flood of connections must not starve the ones already served. The listener stays
   * readable, so the rest comes at the next iteration.
   */
  private void acceptSome() throws IOException {
    SocketHandle s;
    for (int i = 0; i < ACCEPTS_PER_EVENT && (s = listener.accept()) != null; i++) {
      connections++;
      new Connection(s).start();
    }
  }

  /** One client: reads into its buffer, writes it back, and waits for WRITE when the peer is slow. */
  private final class Connection {
    private final SocketHandle socket;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(16 * 1024);

    Connection(SocketHandle socket) {
      this.socket = socket;
    }

    void start() {
      loop.addHandler(socket, IOLoop.READ, this::onEvents);
    }

    private void onEvents(PollHandle h, int events) throws IOException {
      try {
        if (buffer.position() > 0) { // unsent bytes from last time
          flush();
        }
        while (buffer.position() == 0) {
          int n = socket.read(buffer);
          if (n < 0) {
            close();
            return;
          }
          if (n == 0) {
            break;
          }
          flush();
        }
        loop.updateHandler(socket, buffer.position() > 0 ? IOLoop.WRITE : IOLoop.READ);
      } catch (IOException e) {
        close(); // reset by the peer: nothing to echo to
      }
    }

    private void flush() throws IOException {
      buffer.flip();
      socket.write(buffer);
      buffer.compact();
    }

    private void close() throws IOException {
      loop.removeHandler(socket);
      socket.close();
    }
  }
}
