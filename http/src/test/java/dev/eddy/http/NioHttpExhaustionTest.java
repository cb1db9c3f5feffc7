package dev.eddy.http;

/** HttpServer out of descriptors on the nio backend. */
class NioHttpExhaustionTest extends HttpExhaustionCases {

  @Override
  String backend() {
    return "nio";
  }
}
