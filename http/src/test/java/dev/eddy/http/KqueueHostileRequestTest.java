package dev.eddy.http;

/** The request fixtures against HttpServer on the kqueue backend. */
class KqueueHostileRequestTest extends HostileRequestCases {

  @Override
  String backend() {
    return "kqueue";
  }
}
