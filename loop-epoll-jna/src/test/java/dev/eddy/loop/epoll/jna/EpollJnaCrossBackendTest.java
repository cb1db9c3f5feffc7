package dev.eddy.loop.epoll.jna;

import dev.eddy.loop.spi.PollerProvider;
import dev.eddy.loop.tck.CrossBackendContract;

/** epoll-jna against every other backend on the test class path (nio). */
class EpollJnaCrossBackendTest extends CrossBackendContract {

  @Override
  protected PollerProvider provider() {
    return new EpollJnaProvider();
  }
}
