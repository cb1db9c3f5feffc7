package dev.eddy.http;

/** The HttpServer cases on the epoll-jna backend. */
class EpollJnaHttpServerTest extends HttpServerCases {

  @Override
  String backend() {
    return "epoll-jna";
  }
}
