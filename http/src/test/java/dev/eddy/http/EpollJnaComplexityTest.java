package dev.eddy.http;

/** The algorithmic-complexity inputs against HttpServer on the epoll-jna backend. */
class EpollJnaComplexityTest extends ComplexityCases {

  @Override
  String backend() {
    return "epoll-jna";
  }
}
