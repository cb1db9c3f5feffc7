package dev.eddy.loop.epoll.netty;

import dev.eddy.loop.spi.PollerProvider;
import dev.eddy.loop.tck.TransportContract;

class EpollNettyTransportContractTest extends TransportContract {

  @Override
  protected PollerProvider provider() {
    return new EpollNettyProvider();
  }
}
