package dev.eddy.http;

/** HttpServer out of descriptors on the kqueue backend. */
class KqueueHttpExhaustionTest extends HttpExhaustionCases {

  @Override
  String backend() {
    return "kqueue";
  }
}
