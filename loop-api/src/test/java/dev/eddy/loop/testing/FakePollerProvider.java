package dev.eddy.loop.testing;

import dev.eddy.loop.spi.Poller;
import dev.eddy.loop.spi.PollerProvider;
import dev.eddy.loop.spi.Transport;

/**
 * A test double backend for loop-api's own tests: its pollers watch {@link FakeHandle}s whose
 * readiness a test sets by hand, and wait on a monitor. No file descriptors, no I/O.
 */
public final class FakePollerProvider implements PollerProvider {

  @Override
  public String name() {
    return "fake";
  }

  @Override
  public int priority() {
    return -100;
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
  public Poller open() {
    return new FakePoller();
  }

  @Override
  public Transport transport() {
    throw new UnsupportedOperationException("the fake backend has no transport");
  }
}
