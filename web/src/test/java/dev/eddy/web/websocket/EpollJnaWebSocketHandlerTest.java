package dev.eddy.web.websocket;

/** WebSocketHandler on the epoll-jna backend. */
class EpollJnaWebSocketHandlerTest extends WebSocketHandlerCases {

  @Override
  String backend() {
    return "epoll-jna";
  }
}
