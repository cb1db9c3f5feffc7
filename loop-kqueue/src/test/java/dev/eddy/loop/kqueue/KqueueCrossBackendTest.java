package dev.eddy.loop.kqueue;

import dev.eddy.loop.spi.PollerProvider;
import dev.eddy.loop.tck.CrossBackendContract;

/** kqueue talking to every other backend on the test class path (nio at least). */
class KqueueCrossBackendTest extends CrossBackendContract {

  @Override
  protected PollerProvider provider() {
    return KqueueSuites.provider();
  }
}
