package dev.eddy.loop.epoll.jna;

import dev.eddy.loop.spi.PollHandle;
import dev.eddy.loop.spi.PollKey;

/**
 * One registration with an {@link EpollPoller}: the slot it occupies in the poller's table and the
 * generation of that slot when it was taken. Both travel in {@code epoll_event.data}, so that an
 * event for a slot freed (and perhaps taken again) since is recognised and dropped.
 */
final class EpollKey implements PollKey {

  final EpollPoller poller;
  final FdHandle handle;
  final int slot;
  final int generation;
  private final Object attachment;
  int interest;
  boolean valid = true;

  EpollKey(EpollPoller poller, FdHandle handle, int slot, int generation, int interest,
      Object attachment) {
    this.poller = poller;
    this.handle = handle;
    this.slot = slot;
    this.generation = generation;
    this.interest = interest;
    this.attachment = attachment;
  }

  /** The 64-bit token given to the kernel: generation in the high half, slot in the low. */
  long token() {
    return ((long) generation << 32) | (slot & 0xffffffffL);
  }

  @Override
  public PollHandle handle() {
    return handle;
  }

  @Override
  public Object attachment() {
    return attachment;
  }

  @Override
  public int interest() {
    return interest;
  }

  @Override
  public boolean isValid() {
    return valid;
  }

  @Override
  public String toString() {
    return "EpollKey[" + handle + ", slot " + slot + "/" + generation + ", interest=" + interest
        + (valid ? "" : ", invalid") + "]";
  }
}
