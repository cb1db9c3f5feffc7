package dev.eddy.http;

/** The Tornado interoperability cases on the epoll-jna backend. */
class EpollJnaTornadoInteropTest extends TornadoInteropCases {

  @Override
  String backend() {
    return "epoll-jna";
  }
}
