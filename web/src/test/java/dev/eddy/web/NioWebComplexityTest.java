package dev.eddy.web;

/** The web layer's algorithmic-complexity inputs on the nio backend. */
class NioWebComplexityTest extends WebComplexityCases {

  @Override
  String backend() {
    return "nio";
  }
}
