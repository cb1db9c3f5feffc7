package dev.eddy.examples.poll;

import dev.eddy.loop.spi.PollerProvider;
import dev.eddy.loop.tck.PollerContract;

/** The SPI's poller contract: the suite of eddy-loop-tck, against the poll provider. */
// readme:begin tck
class PollPollerContractTest extends PollerContract {

  @Override
  protected PollerProvider provider() {
    return new PollProvider();
  }
}
// readme:end tck
