package dev.eddy.loop.kqueue;

import dev.eddy.loop.posix.jna.FdHandle;

/**
 * A kqueue handle over a descriptor number that only {@link FakeKqueue} knows: closing it closes
 * nothing real.
 */
final class TestFd extends FdHandle {

  TestFd(int fd) {
    super(KqueueProvider.NAME, fd);
  }

  @Override
  protected String kind() {
    return "test descriptor";
  }

  @Override
  protected void closeDescriptor(int fd) {}

  @Override
  public String toString() {
    return "TestFd[" + fd() + (isOpen() ? "" : ", closed") + "]";
  }
}
