package dev.eddy.loop.kqueue;

import dev.eddy.loop.spi.PollHandle;

/**
 * A minimal handle over a descriptor the caller owns, until the BSD socket transport exists. It
 * does not close the descriptor: {@link #close()} only marks it closed. Used by one thread at a
 * time, like every handle.
 */
final class KqueueFd implements PollHandle {

  private final int fd;
  private boolean open = true;
  /** The live registration, kept by {@link KqueuePoller}. */
  KqueueKey key;

  KqueueFd(int fd) {
    this.fd = fd;
  }

  int fd() {
    return fd;
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
    return "KqueueFd[" + fd + (open ? "" : ", closed") + "]";
  }
}
