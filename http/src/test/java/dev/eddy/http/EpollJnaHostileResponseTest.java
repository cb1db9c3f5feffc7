package dev.eddy.http;

/** The response fixtures against AsyncHttpClient on the epoll-jna backend. */
class EpollJnaHostileResponseTest extends HostileResponseCases {
  @Override
  String backend() {
    return "epoll-jna";
  }
}
