package dev.eddy.web.websocket;

/** Tornado's WebSocket client against an Eddy handler on the nio backend. */
class NioTornadoClientTest extends TornadoClientCases {

  @Override
  String backend() {
    return "nio";
  }
}
