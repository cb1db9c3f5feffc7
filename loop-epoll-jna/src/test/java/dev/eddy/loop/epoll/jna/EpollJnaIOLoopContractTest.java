package dev.eddy.loop.epoll.jna;

import dev.eddy.loop.spi.PollerProvider;
import dev.eddy.loop.tck.IOLoopContract;

class EpollJnaIOLoopContractTest extends IOLoopContract {

  @Override
  protected PollerProvider provider() {
    return new EpollJnaProvider();
  }
}
