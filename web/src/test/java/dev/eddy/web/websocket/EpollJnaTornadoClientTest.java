package dev.eddy.web.websocket;

/** Tornado's WebSocket client against an Eddy handler on the epoll-jna backend. */
class EpollJnaTornadoClientTest extends TornadoClientCases {

  @Override
  String backend() {
    return "epoll-jna";
  }
}
