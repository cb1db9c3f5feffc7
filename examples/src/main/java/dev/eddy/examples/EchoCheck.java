package dev.eddy.examples;

import dev.eddy.loop.IOLoop;
import dev.eddy.loop.spi.ConnectOptions;
import dev.eddy.loop.spi.PollHandle;
import dev.eddy.loop.spi.SocketHandle;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * A client on the same loop that sends one line to the echo server and completes with what came
 * back. Runs on the loop's thread.
 */
final class EchoCheck {

  private final IOLoop loop;
  private final ByteBuffer out;
  private final ByteBuffer in;
  private final CompletableFuture<String> result = new CompletableFuture<>();
  private SocketHandle socket;

  EchoCheck(IOLoop loop, String line) {
    this.loop = loop;
    byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
    this.out = ByteBuffer.wrap(bytes);
    this.in = ByteBuffer.allocate(bytes.length);
  }

  CompletableFuture<String> run(InetSocketAddress server) {
    try {
      socket = loop.transport().connect(server, ConnectOptions.DEFAULTS);
      loop.addHandler(socket, IOLoop.WRITE, this::onEvents);
    } catch (IOException e) {
      result.completeExceptionally(e);
    }
    return result;
  }

  private void onEvents(PollHandle h, int events) {
    try {
      if (!socket.finishConnect()) {
        return;
      }
      if (out.hasRemaining()) {
        socket.write(out);
        loop.updateHandler(socket, out.hasRemaining() ? IOLoop.WRITE : IOLoop.READ);
        return;
      }
      if (socket.read(in) < 0 || !in.hasRemaining()) {
        finish(null);
      }
    } catch (IOException e) {
      finish(e);
    }
  }

  private void finish(IOException error) {
    loop.removeHandler(socket);
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing a socket we are done with; the result says what matters
    }
    if (error != null) {
      result.completeExceptionally(error);
    } else {
      String echoed = new String(in.array(), 0, in.position(), StandardCharsets.UTF_8);
      result.complete(echoed.strip());
    }
  }
}
