package dev.eddy.stream;

/** The IOStream cases on the nio backend. */
class NioIOStreamTest extends IOStreamCases {

  @Override
  String backend() {
    return "nio";
  }
}
