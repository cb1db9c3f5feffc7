package dev.eddy.loop.nio;

import dev.eddy.loop.spi.Poller;
import dev.eddy.loop.spi.PollerProvider;
import dev.eddy.loop.spi.Transport;
import java.io.IOException;

/**
 * The {@code java.nio} backend: a {@link java.nio.channels.Selector} poller and channel-based
 * sockets. Always available, priority 0: the fallback when no native backend can run, and the
 * one {@code -Deddy.noNative=true} forces. Thread-safe.
 */
public final class NioPollerProvider implements PollerProvider {

  /** The backend's name. */
  public static final String NAME = "nio";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int priority() {
    return 0;
  }

  @Override
  public boolean isAvailable() {
    return true;
  }

  @Override
  public Throwable unavailabilityCause() {
    return null;
  }

  @Override
  public Poller open() throws IOException {
    return new NioPoller();
  }

  @Override
  public Transport transport() {
    return NioTransport.INSTANCE;
  }

  @Override
  public String toString() {
    return "PollerProvider[nio]";
  }
}
