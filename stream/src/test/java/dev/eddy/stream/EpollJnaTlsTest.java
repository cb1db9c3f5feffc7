package dev.eddy.stream;

/** The TLS cases on the epoll-jna backend. */
class EpollJnaTlsTest extends TlsCases {

  @Override
  String backend() {
    return "epoll-jna";
  }
}
