package dev.eddy.http;

/** curl against HttpServer on the epoll-jna backend. */
class EpollJnaCurlTest extends CurlCases {

  @Override
  String backend() {
    return "epoll-jna";
  }
}
