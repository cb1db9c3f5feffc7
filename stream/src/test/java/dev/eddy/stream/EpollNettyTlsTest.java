package dev.eddy.stream;

/** The TLS cases on the epoll-netty backend. */
class EpollNettyTlsTest extends TlsCases {

  @Override
  String backend() {
    return "epoll-netty";
  }
}
