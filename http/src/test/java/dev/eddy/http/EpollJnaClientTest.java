package dev.eddy.http;

/** The AsyncHttpClient cases on the epoll-jna backend. */
class EpollJnaClientTest extends ClientCases {

  @Override
  String backend() {
    return "epoll-jna";
  }
}
