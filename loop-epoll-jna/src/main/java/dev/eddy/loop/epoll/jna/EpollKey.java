package dev.eddy.loop.epoll.jna;

import dev.eddy.loop.posix.jna.FdHandle;
import dev.eddy.loop.posix.jna.FdRegistration;
import dev.eddy.loop.spi.PollHandle;
import dev.eddy.loop.spi.SlotTable;

/**
 * One registration with an {@link EpollPoller}: the slot it occupies in the poller's table and the
 * generation of that slot when it was taken. Both travel in {@code epoll_event.data}, so that an
 * event for a slot freed (and perhaps taken again) since is recognised and dropped.
 */
final class EpollKey implements FdRegistration {

  final EpollPoller poller;
  final FdHandle handle;
  /** The slot and its generation, as the kernel carries them ({@link SlotTable#token}). */
  final long token;
  private final Object attachment;
  int interest;
  boolean valid = true;

  EpollKey(EpollPoller poller, FdHandle handle, long token, int interest,
      Object attachment) {
    this.poller = poller;
    this.handle = handle;
    this.token = token;
    this.interest = interest;
    this.attachment = attachment;
  }

  /** The 64-bit token given to the kernel: generation in the high half, slot in the low. */
  long token() {
    return token;
  }

  /** The slot in the poller's table. */
  int slot() {
    return (int) token;
  }

  @Override
  public void cancel() {
    poller.unregister(this);
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
    return "EpollKey[" + handle + ", token 0x" + Long.toHexString(token) + ", interest=" + interest
        + (valid ? "" : ", invalid") + "]";
  }
}
