package dev.eddy.stream;

/** The pipe cases on the epoll-netty backend. */
class EpollNettyPipeTest extends PipeCases {

  @Override
  String backend() {
    return "epoll-netty";
  }
}
