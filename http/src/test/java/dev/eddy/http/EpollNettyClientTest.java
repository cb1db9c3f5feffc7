package dev.eddy.http;

/** The AsyncHttpClient cases on the epoll-netty backend. */
class EpollNettyClientTest extends ClientCases {

  @Override
  String backend() {
    return "epoll-netty";
  }
}
