package dev.eddy.stream;

/** The subprocess cases on the epoll-netty backend. */
class EpollNettySubprocessTest extends SubprocessCases {

  @Override
  String backend() {
    return "epoll-netty";
  }
}
