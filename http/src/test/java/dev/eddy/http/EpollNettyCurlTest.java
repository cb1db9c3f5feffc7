package dev.eddy.http;

/** curl against HttpServer on the epoll-netty backend. */
class EpollNettyCurlTest extends CurlCases {

  @Override
  String backend() {
    return "epoll-netty";
  }
}
