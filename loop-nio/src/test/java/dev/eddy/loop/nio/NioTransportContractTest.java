package dev.eddy.loop.nio;

import dev.eddy.loop.spi.PollerProvider;
import dev.eddy.loop.tck.TransportContract;

class NioTransportContractTest extends TransportContract {

  @Override
  protected PollerProvider provider() {
    return new NioPollerProvider();
  }
}
