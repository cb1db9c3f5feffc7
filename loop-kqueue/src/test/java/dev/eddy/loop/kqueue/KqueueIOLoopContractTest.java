package dev.eddy.loop.kqueue;

import dev.eddy.loop.spi.PollerProvider;
import dev.eddy.loop.tck.IOLoopContract;

/** The ioloop contract on kqueue; skipped, with the reason, where no kqueue library is found. */
class KqueueIOLoopContractTest extends IOLoopContract {

  @Override
  protected PollerProvider provider() {
    return KqueueSuites.provider();
  }
}
