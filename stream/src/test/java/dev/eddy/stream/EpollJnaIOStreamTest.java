package dev.eddy.stream;

/** The IOStream cases on the epoll-jna backend. */
class EpollJnaIOStreamTest extends IOStreamCases {

  @Override
  String backend() {
    return "epoll-jna";
  }
}
