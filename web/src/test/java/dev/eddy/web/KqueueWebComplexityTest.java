package dev.eddy.web;

/** The web layer's algorithmic-complexity inputs on the kqueue backend. */
class KqueueWebComplexityTest extends WebComplexityCases {

  @Override
  String backend() {
    return "kqueue";
  }
}
