package dev.eddy.loop.testing;

import dev.eddy.loop.spi.PollHandle;

/** A handle for {@link FakePoller}: its readiness is whatever the test sets. */
public final class FakeHandle implements PollHandle {

  private final String name;
  volatile int ready;
  private volatile boolean open = true;

  public FakeHandle(String name) {
    this.name = name;
  }

  /** Sets the events the handle reports (level-triggered: until set again). */
  public void setReady(int events) {
    this.ready = events;
  }

  @Override
  public boolean isOpen() {
    return open;
  }

  @Override
  public void close() {
    open = false;
  }

  @Override
  public String toString() {
    return "FakeHandle[" + name + "]";
  }
}
