package dev.eddy.loop.nio;

import dev.eddy.loop.spi.PollerProvider;
import dev.eddy.loop.tck.PollerContract;

class NioPollerContractTest extends PollerContract {

  @Override
  protected PollerProvider provider() {
    return new NioPollerProvider();
  }

  @Override
  protected boolean reportsErrorWithoutInterest() {
    return false; // the JDK selector removes a channel with no interest from its epoll set
  }
}
