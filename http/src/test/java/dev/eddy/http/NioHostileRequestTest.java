package dev.eddy.http;

/** The request fixtures against HttpServer on the nio backend. */
class NioHostileRequestTest extends HostileRequestCases {

  @Override
  String backend() {
    return "nio";
  }
}
