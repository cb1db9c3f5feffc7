package dev.eddy.http;

/** The algorithmic-complexity inputs against HttpServer on the epoll-netty backend. */
class EpollNettyComplexityTest extends ComplexityCases {

  @Override
  String backend() {
    return "epoll-netty";
  }
}
