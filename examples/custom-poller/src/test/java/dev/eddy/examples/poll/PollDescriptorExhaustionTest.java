package dev.eddy.examples.poll;

import dev.eddy.loop.spi.PollerProvider;
import dev.eddy.loop.tck.DescriptorExhaustionContract;

/**
 * A loop on the poll backend that runs out of descriptors (a child JVM under {@code ulimit -n
 * 256}): it keeps serving, sheds what it cannot accept without spinning, and recovers.
 */
class PollDescriptorExhaustionTest extends DescriptorExhaustionContract {

  @Override
  protected PollerProvider provider() {
    return new PollProvider();
  }
}
