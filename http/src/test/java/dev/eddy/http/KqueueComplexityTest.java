package dev.eddy.http;

/** The algorithmic-complexity inputs against HttpServer on the kqueue backend. */
class KqueueComplexityTest extends ComplexityCases {

  @Override
  String backend() {
    return "kqueue";
  }
}
