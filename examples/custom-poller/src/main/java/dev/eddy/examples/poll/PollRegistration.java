package dev.eddy.examples.poll;

import dev.eddy.loop.posix.jna.FdHandle;
import dev.eddy.loop.posix.jna.FdRegistration;
import dev.eddy.loop.spi.PollHandle;

/**
 * One registration with a {@link PollPoller}: the SPI's {@code PollKey}, and the owner of one
 * entry of the poller's pollfd array.
 *
 * <p>Why no generation number, when epoll backends carry one in {@code epoll_event.data}: poll(2)
 * returns nothing but the array we passed in, so an event is found by its index, and the index
 * leads to this object. A key is a new object per registration and is never reused, so an event
 * can never be attributed to a later registration of the same descriptor number; and a key
 * unregistered during a batch is marked invalid, which {@code PollEvents.isLive} reports.
 *
 * <p>It implements {@link FdRegistration}, the hook of Eddy's shared socket layer: closing an
 * {@link FdHandle} first cancels its registration, so a descriptor is never closed while it is in
 * the array. Threading: the polling thread, like every key operation.
 */
final class PollRegistration implements FdRegistration, PollSet.Entry {

  final PollPoller poller;
  final FdHandle handle;
  private final Object attachment;
  /** The SPI interest (bits of READ and WRITE), as last set. */
  int interest;
  /** The entry in the poller's array; changed when another entry is removed. */
  int index;
  boolean valid = true;

  PollRegistration(PollPoller poller, FdHandle handle, int interest, Object attachment) {
    this.poller = poller;
    this.handle = handle;
    this.interest = interest;
    this.attachment = attachment;
  }

  @Override
  public void index(int index) {
    this.index = index;
  }

  /** Unregisters from the poller; nothing if no longer valid. Never throws. */
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
    return "PollRegistration[" + handle + ", interest=" + interest
        + (valid ? ", index=" + index : ", invalid") + "]";
  }
}
