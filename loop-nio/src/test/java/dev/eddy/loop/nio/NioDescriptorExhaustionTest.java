package dev.eddy.loop.nio;

import dev.eddy.loop.spi.PollerProvider;
import dev.eddy.loop.tck.DescriptorExhaustionContract;

class NioDescriptorExhaustionTest extends DescriptorExhaustionContract {

  @Override
  protected PollerProvider provider() {
    return new NioPollerProvider();
  }
}
