package dev.eddy.loop.nio;

import dev.eddy.loop.spi.PollHandle;
import dev.eddy.loop.spi.PollKey;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectionKey;

/** A registration with a {@link NioPoller}; the attachment of its {@link SelectionKey}. */
final class NioKey implements PollKey {

  final NioPoller poller;
  final NioHandle handle;
  private final Object attachment;
  SelectionKey selectionKey;
  int interest;
  boolean valid = true;

  NioKey(NioPoller poller, NioHandle handle, int interest, Object attachment) {
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

  /**
   * Applies the interest to the selection key, translated for the channel's current state.
   *
   * @return false if the selection key was cancelled (its channel closed)
   */
  boolean applyInterest() {
    try {
      selectionKey.interestOps(handle.selectorOps(interest));
      return true;
    } catch (CancelledKeyException closed) {
      return false;
    }
  }

  @Override
  public String toString() {
    return "NioKey[" + handle + ", interest=" + interest + (valid ? "" : ", invalid") + "]";
  }
}
