package dev.eddy.http;

/** The HttpServer cases on the kqueue backend. */
class KqueueHttpServerTest extends HttpServerCases {

  @Override
  String backend() {
    return "kqueue";
  }
}
