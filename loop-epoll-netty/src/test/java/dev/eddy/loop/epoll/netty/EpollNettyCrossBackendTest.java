package dev.eddy.loop.epoll.netty;

import dev.eddy.loop.spi.PollerProvider;
import dev.eddy.loop.tck.CrossBackendContract;

/** epoll-netty against every other backend on the test class path (nio, epoll-jna). */
class EpollNettyCrossBackendTest extends CrossBackendContract {

  @Override
  protected PollerProvider provider() {
    return new EpollNettyProvider();
  }
}
