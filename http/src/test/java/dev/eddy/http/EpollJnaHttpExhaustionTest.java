package dev.eddy.http;

/** HttpServer out of descriptors on the epoll-jna backend. */
class EpollJnaHttpExhaustionTest extends HttpExhaustionCases {

  @Override
  String backend() {
    return "epoll-jna";
  }
}
