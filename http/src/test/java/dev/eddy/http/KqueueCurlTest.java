package dev.eddy.http;

/** curl against HttpServer on the kqueue backend. */
class KqueueCurlTest extends CurlCases {

  @Override
  String backend() {
    return "kqueue";
  }
}
