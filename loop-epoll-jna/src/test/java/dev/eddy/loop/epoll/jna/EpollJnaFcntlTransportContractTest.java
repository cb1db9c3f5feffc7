package dev.eddy.loop.epoll.jna;

import dev.eddy.loop.posix.jna.PosixAbi;
import dev.eddy.loop.posix.jna.PosixTransport;
import dev.eddy.loop.spi.Poller;
import dev.eddy.loop.spi.PollerProvider;
import dev.eddy.loop.spi.Transport;
import dev.eddy.loop.tck.TransportContract;
import java.io.IOException;

/**
 * The transport contract over macOS's way of making descriptors: plain {@code socket}, {@code
 * accept} and {@code pipe}, then {@code fcntl} (through JNA's variadic interface mapping). Linux
 * has both ways, so this runs the macOS path for real on every CI run.
 */
class EpollJnaFcntlTransportContractTest extends TransportContract {

  @Override
  protected PollerProvider provider() {
    EpollJnaProvider epoll = new EpollJnaProvider();
    Transport fcntl = new PosixTransport(EpollJnaProvider.NAME, PosixAbi.LINUX, false);
    return new PollerProvider() {
      @Override
      public String name() {
        return epoll.name();
      }

      @Override
      public int priority() {
        return epoll.priority();
      }

      @Override
      public boolean isAvailable() {
        return epoll.isAvailable();
      }

      @Override
      public Throwable unavailabilityCause() {
        return epoll.unavailabilityCause();
      }

      @Override
      public Poller open() throws IOException {
        return epoll.open();
      }

      @Override
      public Transport transport() {
        return fcntl;
      }
    };
  }
}
