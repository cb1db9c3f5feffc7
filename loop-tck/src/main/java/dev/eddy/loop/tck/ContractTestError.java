package dev.eddy.loop.tck;

/**
 * An {@link Error} of the suite's own, thrown on purpose to see that the loop survives it (see
 * {@link FailureCases} and {@link RunSyncCases}).
 */
final class ContractTestError extends Error {
  private static final long serialVersionUID = 1L;

  ContractTestError(String message) {
    super(message);
  }
}
