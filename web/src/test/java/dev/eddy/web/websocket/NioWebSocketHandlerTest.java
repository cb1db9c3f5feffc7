package dev.eddy.web.websocket;

/** WebSocketHandler on the nio backend. */
class NioWebSocketHandlerTest extends WebSocketHandlerCases {

  @Override
  String backend() {
    return "nio";
  }
}
