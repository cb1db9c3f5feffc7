package dev.eddy.loop.epoll.netty;

import dev.eddy.loop.spi.PollHandle;
import dev.eddy.loop.spi.PollKey;
import io.netty.channel.IoEvent;
import io.netty.channel.IoRegistration;
import io.netty.channel.epoll.EpollIoEvent;
import io.netty.channel.epoll.EpollIoHandle;
import io.netty.channel.unix.FileDescriptor;

/**
 * One registration with a {@link NettyPoller}, and at the same time the {@link EpollIoHandle}
 * registered with Netty's handler for it: a new one per registration, never reused, so that an
 * event Netty delivers always names the registration it was reported for.
 *
 * <p>As an {@code EpollIoHandle} it follows the rules of a handle driven from outside Netty:
 * <ul>
 *   <li>{@link #handle} never throws (Netty logs an exception from it and then sleeps for a
 *       second); it only records the readiness into the poll in progress, and drops it if the
 *       key is no longer valid.</li>
 *   <li>{@link #close()} does not close the descriptor: the handle belongs to its owner, not to
 *       the poller. Netty calls it for each registration when the handler is destroyed, that is
 *       when the poller closes, so it only invalidates the key.</li>
 * </ul>
 * Used on the polling thread.
 */
final class NettyKey implements PollKey, EpollIoHandle {

  final NettyPoller poller;
  final NettyHandle handle;
  private final Object attachment;
  IoRegistration registration;
  int interest;
  boolean valid = true;
  /** The key's slot in the poller's {@link ReadyQueue} while it is queued there, else -1. */
  int queued = -1;
  /** The last run of Netty's handler that reported this key ready. */
  long seen;

  NettyKey(NettyPoller poller, NettyHandle handle, int interest, Object attachment) {
    this.poller = poller;
    this.handle = handle;
    this.interest = interest;
    this.attachment = attachment;
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

  // ------------------------------------------------------------------------- EpollIoHandle

  @Override
  public FileDescriptor fd() {
    return handle.descriptor();
  }

  @Override
  public void handle(IoRegistration registration, IoEvent event) {
    if (valid && event instanceof EpollIoEvent) {
      poller.collect(this, Readiness.events(((EpollIoEvent) event).ops().value()));
    }
  }

  /** Called by Netty when the handler is destroyed: the key dies, the descriptor stays open. */
  @Override
  public void close() {
    valid = false;
  }

  @Override
  public String toString() {
    return "NettyKey[" + handle + ", interest=" + interest + (valid ? "" : ", invalid") + "]";
  }
}
