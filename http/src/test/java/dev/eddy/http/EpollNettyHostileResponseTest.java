package dev.eddy.http;

/** The response fixtures against AsyncHttpClient on the epoll-netty backend. */
class EpollNettyHostileResponseTest extends HostileResponseCases {
  @Override
  String backend() {
    return "epoll-netty";
  }
}
