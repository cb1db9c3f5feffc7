package dev.eddy.http;

/** The Tornado interoperability cases on the kqueue backend. */
class KqueueTornadoInteropTest extends TornadoInteropCases {

  @Override
  String backend() {
    return "kqueue";
  }
}
