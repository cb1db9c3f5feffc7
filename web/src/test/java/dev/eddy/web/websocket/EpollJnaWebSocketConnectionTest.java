package dev.eddy.web.websocket;

/** The WebSocketConnection cases on the epoll-jna backend. */
class EpollJnaWebSocketConnectionTest extends WebSocketConnectionCases {

  @Override
  String backend() {
    return "epoll-jna";
  }
}
