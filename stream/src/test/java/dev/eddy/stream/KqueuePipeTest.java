package dev.eddy.stream;

/** The pipe cases on the kqueue backend. */
class KqueuePipeTest extends PipeCases {

  @Override
  String backend() {
    return "kqueue";
  }
}
