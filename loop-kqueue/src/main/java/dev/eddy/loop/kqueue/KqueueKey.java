package dev.eddy.loop.kqueue;

import dev.eddy.loop.spi.PollHandle;
import dev.eddy.loop.spi.PollKey;

/**
 * One registration with a {@link KqueuePoller}: its slot in the poller's table and that slot's
 * generation, both carried in {@code kevent.udata} so that an event for a slot freed (and perhaps
 * taken again) since is dropped. Read and written on the polling thread only.
 */
final class KqueueKey implements PollKey {

  final KqueuePoller poller;
  final KqueueFd handle;
  final int slot;
  final int generation;
  private final Object attachment;
  int interest;
  boolean valid = true;
  /** Ready bits gathered in the poll in progress; both filters of one fd merge here. */
  int ready;

  KqueueKey(KqueuePoller poller, KqueueFd handle, int slot, int generation, int interest,
      Object attachment) {
    this.poller = poller;
    this.handle = handle;
    this.slot = slot;
    this.generation = generation;
    this.interest = interest;
    this.attachment = attachment;
  }

  /** The 64-bit udata: generation in the high half, slot in the low. */
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
    return "KqueueKey[" + handle + ", slot " + slot + "/" + generation + ", interest=" + interest
        + (valid ? "" : ", invalid") + "]";
  }
}
