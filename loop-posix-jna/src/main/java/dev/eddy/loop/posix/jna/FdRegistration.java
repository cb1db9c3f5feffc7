package dev.eddy.loop.posix.jna;

import dev.eddy.loop.spi.PollKey;

/**
 * A poller's registration of an {@link FdHandle}, as the handle sees it: something to cancel
 * before its descriptor is closed, so that the poller frees the slot and no event of a reused
 * descriptor number can reach the key. Implemented by the keys of the pollers over raw
 * descriptors (epoll-jna, kqueue).
 *
 * <p>Threading: the polling thread, like every key operation.
 */
public interface FdRegistration extends PollKey {

  /** Removes the registration from its poller; nothing if it is no longer valid. Never throws. */
  void cancel();
}
