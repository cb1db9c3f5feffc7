package dev.eddy.web;

/** The web layer's algorithmic-complexity inputs on the epoll-netty backend. */
class EpollNettyWebComplexityTest extends WebComplexityCases {

  @Override
  String backend() {
    return "epoll-netty";
  }
}
