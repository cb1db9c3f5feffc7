package dev.eddy.stream;

/** The IOStream cases on the epoll-netty backend. */
class EpollNettyIOStreamTest extends IOStreamCases {

  @Override
  String backend() {
    return "epoll-netty";
  }
}
