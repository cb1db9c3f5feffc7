package dev.eddy.loop.kqueue;

import dev.eddy.loop.spi.PollerProvider;
import dev.eddy.loop.tck.TransportContract;

/** The transport contract on kqueue; skipped, with the reason, where no kqueue library is found. */
class KqueueTransportContractTest extends TransportContract {

  @Override
  protected PollerProvider provider() {
    return KqueueSuites.provider();
  }
}
