package dev.eddy.stream;

/** The TLS cases on the kqueue backend. */
class KqueueTlsTest extends TlsCases {

  @Override
  String backend() {
    return "kqueue";
  }
}
