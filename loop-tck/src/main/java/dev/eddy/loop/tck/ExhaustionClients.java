package dev.eddy.loop.tck;

import dev.eddy.loop.IOLoop;
import dev.eddy.loop.spi.ConnectOptions;
import dev.eddy.loop.spi.SocketHandle;
import java.io.EOFException;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The client side of {@link DescriptorExhaustionScenario}: connecting and echoing through the
 * loop's own transport, driven by the loop.
 *
 * <p>Threading: every method is called on the loop's thread, and the futures complete there.
 * Errors: a failure the operating system reports at once (no descriptor for a socket) is thrown; a
 * later one fails the returned future with the {@link IOException} as it came, the socket's
 * handler removed. Nothing here closes a socket the caller holds, except a failed connect's.
 */
final class ExhaustionClients {

  private ExhaustionClients() {}

  /**
   * Starts a connect and completes with the socket once it is connected.
   *
   * @throws IOException if no socket can be made (for example too many open files)
   */
  static CompletableFuture<SocketHandle> connect(IOLoop loop, SocketAddress address)
      throws IOException {
    SocketHandle s = loop.transport().connect(address, ConnectOptions.DEFAULTS);
    CompletableFuture<SocketHandle> done = new CompletableFuture<>();
    loop.addHandler(s, IOLoop.WRITE, (h, events) -> {
      try {
        if (!s.finishConnect()) {
          return; // spurious readiness: still connecting
        }
        loop.removeHandler(s);
        done.complete(s);
      } catch (IOException e) {
        loop.removeHandler(s);
        s.close();
        done.completeExceptionally(e);
      }
    });
    return done;
  }

  /**
   * Sends {@code text} and completes once the same bytes came back. Fails with an {@link
   * EOFException} or the reset's {@link IOException} if the server closed the connection first,
   * and with an {@link IllegalStateException} if other bytes came back.
   */
  static CompletableFuture<Void> echo(IOLoop loop, SocketHandle s, String text) {
    byte[] message = text.getBytes(StandardCharsets.US_ASCII);
    try {
      ByteBuffer out = ByteBuffer.wrap(message);
      s.write(out);
      if (out.hasRemaining()) {
        throw new IOException("a " + message.length + "-byte message did not fit into the "
            + "socket's send buffer");
      }
    } catch (IOException e) {
      return CompletableFuture.failedFuture(e);
    }
    ByteBuffer in = ByteBuffer.allocate(message.length);
    CompletableFuture<Void> done = new CompletableFuture<>();
    loop.addHandler(s, IOLoop.READ, (h, events) -> {
      try {
        int n;
        while (in.hasRemaining() && (n = s.read(in)) != 0) {
          if (n < 0) {
            throw new EOFException("the server closed the connection after echoing "
                + in.position() + " of " + message.length + " bytes");
          }
        }
        if (in.hasRemaining()) {
          return;
        }
        loop.removeHandler(s);
        if (Arrays.equals(in.array(), message)) {
          done.complete(null);
        } else {
          done.completeExceptionally(new IllegalStateException("sent \"" + text
              + "\", got back \"" + new String(in.array(), StandardCharsets.US_ASCII) + "\""));
        }
      } catch (IOException e) {
        loop.removeHandler(s);
        done.completeExceptionally(e);
      }
    });
    return done;
  }

  /** Echoes a distinct message on every socket at once; completes when all have, or one failed. */
  static CompletableFuture<Void> echoAll(IOLoop loop, List<SocketHandle> sockets, String text) {
    CompletableFuture<?>[] all = new CompletableFuture<?>[sockets.size()];
    for (int i = 0; i < all.length; i++) {
      all[i] = echo(loop, sockets.get(i), text + " " + i);
    }
    return CompletableFuture.allOf(all);
  }

  /**
   * Whether the peer has closed or reset this connection, which is what a client of a shed
   * connection sees. A non-blocking read: 0 (nothing yet) means no.
   */
  static boolean closedByPeer(SocketHandle s) {
    try {
      return s.read(ByteBuffer.allocate(1)) < 0;
    } catch (IOException reset) {
      return true;
    }
  }
}
