package dev.eddy.http;

/** The response fixtures against AsyncHttpClient on the kqueue backend. */
class KqueueHostileResponseTest extends HostileResponseCases {
  @Override
  String backend() {
    return "kqueue";
  }
}
