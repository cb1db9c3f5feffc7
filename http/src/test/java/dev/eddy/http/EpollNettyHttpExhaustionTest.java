package dev.eddy.http;

/** HttpServer out of descriptors on the epoll-netty backend. */
class EpollNettyHttpExhaustionTest extends HttpExhaustionCases {

  @Override
  String backend() {
    return "epoll-netty";
  }
}
