package dev.eddy.loop.kqueue;

import dev.eddy.loop.spi.PollerProvider;
import dev.eddy.loop.tck.DescriptorExhaustionContract;

/** kqueue out of descriptors, in a child JVM with a low limit. */
class KqueueDescriptorExhaustionTest extends DescriptorExhaustionContract {

  @Override
  protected PollerProvider provider() {
    return KqueueSuites.provider();
  }
}
