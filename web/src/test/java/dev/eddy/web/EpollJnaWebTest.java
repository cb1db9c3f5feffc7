package dev.eddy.web;

/** Application and RequestHandler on the epoll-jna backend. */
class EpollJnaWebTest extends WebCases {

  @Override
  String backend() {
    return "epoll-jna";
  }
}
