package dev.eddy.stream;

/** The TLS cases on the nio backend. */
class NioTlsTest extends TlsCases {

  @Override
  String backend() {
    return "nio";
  }
}
