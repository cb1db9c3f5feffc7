package dev.eddy.loop.nio;

import dev.eddy.loop.spi.PollerProvider;
import dev.eddy.loop.tck.IOLoopContract;

class NioIOLoopContractTest extends IOLoopContract {

  @Override
  protected PollerProvider provider() {
    return new NioPollerProvider();
  }
}
