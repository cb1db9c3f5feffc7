package dev.eddy.web.websocket;

/** WebSocketHandler on the epoll-netty backend. */
class EpollNettyWebSocketHandlerTest extends WebSocketHandlerCases {

  @Override
  String backend() {
    return "epoll-netty";
  }
}
