package dev.eddy.examples.poll;

import dev.eddy.loop.spi.PollerProvider;
import dev.eddy.loop.tck.CrossBackendContract;

/**
 * The poll backend against every other backend on the test class path (nio, a test dependency):
 * 16 MiB each way, each side on its own poller and thread.
 */
class PollCrossBackendTest extends CrossBackendContract {

  @Override
  protected PollerProvider provider() {
    return new PollProvider();
  }
}
