package dev.eddy.stream;

/** The IOStream cases on the kqueue backend. */
class KqueueIOStreamTest extends IOStreamCases {

  @Override
  String backend() {
    return "kqueue";
  }
}
