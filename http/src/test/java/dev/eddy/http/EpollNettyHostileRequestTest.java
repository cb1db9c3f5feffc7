package dev.eddy.http;

/** The request fixtures against HttpServer on the epoll-netty backend. */
class EpollNettyHostileRequestTest extends HostileRequestCases {

  @Override
  String backend() {
    return "epoll-netty";
  }
}
