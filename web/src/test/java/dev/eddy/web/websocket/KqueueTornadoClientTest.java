package dev.eddy.web.websocket;

/** Tornado's WebSocket client against an Eddy handler on the kqueue backend. */
class KqueueTornadoClientTest extends TornadoClientCases {

  @Override
  String backend() {
    return "kqueue";
  }
}
