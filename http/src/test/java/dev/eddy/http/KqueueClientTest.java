package dev.eddy.http;

/** The AsyncHttpClient cases on the kqueue backend. */
class KqueueClientTest extends ClientCases {

  @Override
  String backend() {
    return "kqueue";
  }
}
