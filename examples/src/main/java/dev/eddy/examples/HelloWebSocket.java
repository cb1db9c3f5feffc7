package dev.eddy.examples;

import dev.eddy.http.HttpServer;
import dev.eddy.loop.IOLoop;
import dev.eddy.web.Application;
import dev.eddy.web.websocket.WebSocket;
import dev.eddy.web.websocket.WebSocketHandler;
import dev.eddy.web.websocket.WebSocketOptions;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * The README's WebSocket snippet, kept compiling and run by a test: an echo socket and Eddy's
 * client talking to it on one loop.
 */
public final class HelloWebSocket {

  private HelloWebSocket() {}

  // readme:begin websocket-handler
  static class EchoSocket extends WebSocketHandler {
    @Override
    protected CompletionStage<?> onMessage(Object message) {
      return writeMessage("You said: " + message);        // a stage: read on once it is sent
    }
  }
  // readme:end websocket-handler

  /** Serves the echo socket on a free port, asks it once, and returns the answer. */
  static String run() throws IOException {
    IOLoop loop = IOLoop.create();
    HttpServer server = new Application().add("/echo", EchoSocket::new).listen(loop, 0);
    int port = ((InetSocketAddress) server.addresses().get(0)).getPort();
    // readme:begin websocket-client
    String answer = loop.runSync(() -> WebSocket.connect(loop,
            "ws://127.0.0.1:" + port + "/echo", WebSocketOptions.DEFAULTS)
        .thenCompose(ws -> ws.writeMessage("hello")
            .thenCompose(v -> ws.readMessage())            // null once the socket closed
            .whenComplete((m, e) -> ws.close())), Duration.ofSeconds(10)).toString();
    // readme:end websocket-client
    server.stop();
    loop.close(true);
    return answer;
  }

  public static void main(String[] args) throws IOException {
    System.out.println(run());
  }
}
