package dev.eddy.stream;

/** The pipe cases on the nio backend. */
class NioPipeTest extends PipeCases {

  @Override
  String backend() {
    return "nio";
  }
}
