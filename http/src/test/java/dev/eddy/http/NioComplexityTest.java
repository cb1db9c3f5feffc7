package dev.eddy.http;

/** The algorithmic-complexity inputs against HttpServer on the nio backend. */
class NioComplexityTest extends ComplexityCases {

  @Override
  String backend() {
    return "nio";
  }
}
