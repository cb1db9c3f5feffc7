package dev.eddy.loop.kqueue;

import dev.eddy.loop.spi.PollerProvider;

/**
 * What the kqueue contract suites share: the provider, and one line saying why they are skipped
 * where there is no kqueue (each test is then reported as skipped, with this reason, by the
 * suites' own availability assumption).
 */
final class KqueueSuites {

  private static boolean told;

  private KqueueSuites() {}

  /** The provider under test; says once, on standard output, if it is not available. */
  static synchronized PollerProvider provider() {
    KqueueProvider provider = new KqueueProvider();
    if (!told && !provider.isAvailable()) {
      told = true;
      System.out.println("kqueue contract suites SKIPPED: " + provider.unavailabilityCause()
          + ". On Linux, run them against libkqueue with -D" + KqueueProvider.LIBRARY_PROPERTY
          + "=/path/to/libkqueue.so.0");
    }
    return provider;
  }
}
