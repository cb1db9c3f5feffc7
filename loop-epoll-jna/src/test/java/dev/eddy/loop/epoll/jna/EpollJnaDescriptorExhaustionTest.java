package dev.eddy.loop.epoll.jna;

import dev.eddy.loop.spi.PollerProvider;
import dev.eddy.loop.tck.DescriptorExhaustionContract;

class EpollJnaDescriptorExhaustionTest extends DescriptorExhaustionContract {

  @Override
  protected PollerProvider provider() {
    return new EpollJnaProvider();
  }
}
