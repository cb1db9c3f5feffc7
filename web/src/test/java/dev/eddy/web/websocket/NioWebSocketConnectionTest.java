package dev.eddy.web.websocket;

/** The WebSocketConnection cases on the nio backend. */
class NioWebSocketConnectionTest extends WebSocketConnectionCases {

  @Override
  String backend() {
    return "nio";
  }
}
