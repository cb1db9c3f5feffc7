package dev.eddy.http;

/** The HttpServer cases on the nio backend. */
class NioHttpServerTest extends HttpServerCases {

  @Override
  String backend() {
    return "nio";
  }
}
