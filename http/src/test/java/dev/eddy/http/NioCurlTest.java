package dev.eddy.http;

/** curl against HttpServer on the nio backend. */
class NioCurlTest extends CurlCases {

  @Override
  String backend() {
    return "nio";
  }
}
