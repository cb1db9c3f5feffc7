package dev.eddy.loop.epoll.netty;

import dev.eddy.loop.spi.PollerProvider;
import dev.eddy.loop.tck.PollerContract;

class EpollNettyPollerContractTest extends PollerContract {

  @Override
  protected PollerProvider provider() {
    return new EpollNettyProvider();
  }
}
