package dev.eddy.examples.poll;

import dev.eddy.loop.spi.PollerProvider;
import dev.eddy.loop.tck.IOLoopContract;

/** Eddy's IOLoop on the poll backend: the suite of eddy-loop-tck, against the poll provider. */
class PollIOLoopContractTest extends IOLoopContract {

  @Override
  protected PollerProvider provider() {
    return new PollProvider();
  }
}
