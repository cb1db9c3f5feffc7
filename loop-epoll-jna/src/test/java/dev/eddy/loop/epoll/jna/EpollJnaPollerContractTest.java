package dev.eddy.loop.epoll.jna;

import dev.eddy.loop.spi.PollerProvider;
import dev.eddy.loop.tck.PollerContract;

class EpollJnaPollerContractTest extends PollerContract {

  @Override
  protected PollerProvider provider() {
    return new EpollJnaProvider();
  }
}
