package dev.eddy.stream;

/** The pipe cases on the epoll-jna backend. */
class EpollJnaPipeTest extends PipeCases {

  @Override
  String backend() {
    return "epoll-jna";
  }
}
