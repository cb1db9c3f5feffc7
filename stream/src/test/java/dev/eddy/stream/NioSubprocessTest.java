package dev.eddy.stream;

/** The subprocess cases on the nio backend. */
class NioSubprocessTest extends SubprocessCases {

  @Override
  String backend() {
    return "nio";
  }
}
