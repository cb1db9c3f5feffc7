package dev.eddy.http;

/** The response fixtures against AsyncHttpClient on the nio backend. */
class NioHostileResponseTest extends HostileResponseCases {
  @Override
  String backend() {
    return "nio";
  }
}
