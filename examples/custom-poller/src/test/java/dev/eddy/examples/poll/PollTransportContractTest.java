package dev.eddy.examples.poll;

import dev.eddy.loop.spi.PollerProvider;
import dev.eddy.loop.tck.TransportContract;

/**
 * The transport contract against the poll provider: the sockets and pipes of Eddy's shared libc
 * layer, stamped with the backend's name "poll".
 */
class PollTransportContractTest extends TransportContract {

  @Override
  protected PollerProvider provider() {
    return new PollProvider();
  }
}
