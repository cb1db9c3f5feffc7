package dev.eddy.http;

/** The AsyncHttpClient cases on the nio backend. */
class NioClientTest extends ClientCases {

  @Override
  String backend() {
    return "nio";
  }
}
