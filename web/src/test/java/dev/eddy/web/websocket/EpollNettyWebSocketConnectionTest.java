package dev.eddy.web.websocket;

/** The WebSocketConnection cases on the epoll-netty backend. */
class EpollNettyWebSocketConnectionTest extends WebSocketConnectionCases {

  @Override
  String backend() {
    return "epoll-netty";
  }
}
