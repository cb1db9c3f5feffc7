package dev.eddy.web;

/** Application and RequestHandler on the nio backend. */
class NioWebTest extends WebCases {

  @Override
  String backend() {
    return "nio";
  }
}
