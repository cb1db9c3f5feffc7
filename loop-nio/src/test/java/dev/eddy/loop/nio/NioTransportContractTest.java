package dev.eddy.loop.nio;

import dev.eddy.loop.spi.PollerProvider;
import dev.eddy.loop.tck.TransportContract;

class NioTransportContractTest extends TransportContract {

  @Override
  protected PollerProvider provider() {
    return new NioPollerProvider();
  }

  @Override
  protected boolean supportsIpv6Only() {
    return false; // the JDK's channels have no IPV6_V6ONLY option
  }
}
