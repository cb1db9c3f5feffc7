package dev.eddy.loop.epoll.jna;

import dev.eddy.loop.spi.PollerProvider;
import dev.eddy.loop.tck.TransportContract;

class EpollJnaTransportContractTest extends TransportContract {

  @Override
  protected PollerProvider provider() {
    return new EpollJnaProvider();
  }
}
