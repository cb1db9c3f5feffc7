package dev.eddy.web.websocket;

/** WebSocketHandler on the kqueue backend. */
class KqueueWebSocketHandlerTest extends WebSocketHandlerCases {

  @Override
  String backend() {
    return "kqueue";
  }
}
