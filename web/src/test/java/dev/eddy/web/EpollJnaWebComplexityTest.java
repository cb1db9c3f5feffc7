package dev.eddy.web;

/** The web layer's algorithmic-complexity inputs on the epoll-jna backend. */
class EpollJnaWebComplexityTest extends WebComplexityCases {

  @Override
  String backend() {
    return "epoll-jna";
  }
}
