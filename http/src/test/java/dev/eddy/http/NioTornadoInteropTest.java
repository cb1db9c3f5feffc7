package dev.eddy.http;

/** The Tornado interoperability cases on the nio backend. */
class NioTornadoInteropTest extends TornadoInteropCases {

  @Override
  String backend() {
    return "nio";
  }
}
