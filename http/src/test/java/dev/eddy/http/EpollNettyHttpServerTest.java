package dev.eddy.http;

/** The HttpServer cases on the epoll-netty backend. */
class EpollNettyHttpServerTest extends HttpServerCases {

  @Override
  String backend() {
    return "epoll-netty";
  }
}
