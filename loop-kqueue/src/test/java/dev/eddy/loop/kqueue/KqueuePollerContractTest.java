package dev.eddy.loop.kqueue;

import dev.eddy.loop.spi.PollerProvider;
import dev.eddy.loop.tck.PollerContract;

/** The poller contract on kqueue; skipped, with the reason, where no kqueue library is found. */
class KqueuePollerContractTest extends PollerContract {

  @Override
  protected PollerProvider provider() {
    return KqueueSuites.provider();
  }

  /** kqueue has no error-only filter: a registration without interest adds no filter at all. */
  @Override
  protected boolean reportsErrorWithoutInterest() {
    return false;
  }
}
