package dev.eddy.web;

/** Application and RequestHandler on the kqueue backend. */
class KqueueWebTest extends WebCases {

  @Override
  String backend() {
    return "kqueue";
  }
}
