package dev.eddy.web;

/** Application and RequestHandler on the epoll-netty backend. */
class EpollNettyWebTest extends WebCases {

  @Override
  String backend() {
    return "epoll-netty";
  }
}
