package dev.eddy.http;

/** The Tornado interoperability cases on the epoll-netty backend. */
class EpollNettyTornadoInteropTest extends TornadoInteropCases {

  @Override
  String backend() {
    return "epoll-netty";
  }
}
