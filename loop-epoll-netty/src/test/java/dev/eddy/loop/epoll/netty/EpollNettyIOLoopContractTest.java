package dev.eddy.loop.epoll.netty;

import dev.eddy.loop.spi.PollerProvider;
import dev.eddy.loop.tck.IOLoopContract;

class EpollNettyIOLoopContractTest extends IOLoopContract {

  @Override
  protected PollerProvider provider() {
    return new EpollNettyProvider();
  }
}
