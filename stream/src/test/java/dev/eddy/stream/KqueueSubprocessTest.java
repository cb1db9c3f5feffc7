package dev.eddy.stream;

/** The subprocess cases on the kqueue backend. */
class KqueueSubprocessTest extends SubprocessCases {

  @Override
  String backend() {
    return "kqueue";
  }
}
