package dev.eddy.web.websocket;

/** Tornado's WebSocket client against an Eddy handler on the epoll-netty backend. */
class EpollNettyTornadoClientTest extends TornadoClientCases {

  @Override
  String backend() {
    return "epoll-netty";
  }
}
