package dev.eddy.stream;

/** The subprocess cases on the epoll-jna backend. */
class EpollJnaSubprocessTest extends SubprocessCases {

  @Override
  String backend() {
    return "epoll-jna";
  }
}
