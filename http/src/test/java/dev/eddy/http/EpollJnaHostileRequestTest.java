package dev.eddy.http;

/** The request fixtures against HttpServer on the epoll-jna backend. */
class EpollJnaHostileRequestTest extends HostileRequestCases {

  @Override
  String backend() {
    return "epoll-jna";
  }
}
