package dev.eddy.loop.epoll.netty;

import dev.eddy.loop.spi.PollerProvider;
import dev.eddy.loop.tck.DescriptorExhaustionContract;

class EpollNettyDescriptorExhaustionTest extends DescriptorExhaustionContract {

  @Override
  protected PollerProvider provider() {
    return new EpollNettyProvider();
  }
}
