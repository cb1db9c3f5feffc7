package dev.eddy.web.websocket;

/** The WebSocketConnection cases on the kqueue backend. */
class KqueueWebSocketConnectionTest extends WebSocketConnectionCases {

  @Override
  String backend() {
    return "kqueue";
  }
}
