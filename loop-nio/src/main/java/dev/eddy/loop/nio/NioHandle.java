package dev.eddy.loop.nio;

import dev.eddy.loop.spi.PollHandle;
import java.io.IOException;
import java.nio.channels.SelectableChannel;

/**
 * A handle of the nio backend: a {@link SelectableChannel} and the translation of Eddy's interest
 * (READ, WRITE) into the operations its channel type accepts — a selector rejects operations
 * outside {@code validOps()}, and a connecting socket is writable through {@code OP_CONNECT}.
 */
abstract class NioHandle implements PollHandle {

  /** The current registration, or null. Owned by the polling thread. */
  NioKey key;

  abstract SelectableChannel channel();

  /** The selector operations for {@code interest}, given the channel's current state. */
  abstract int selectorOps(int interest);

  @Override
  public boolean isOpen() {
    return channel().isOpen();
  }

  /**
   * Unregisters the handle from its poller first, so that its key is invalid at once (an event of
   * the batch being dispatched is then stale), then closes the channel.
   */
  @Override
  public void close() throws IOException {
    unregister();
    channel().close();
  }

  /** Drops the handle's registration, if it has a live one. */
  final void unregister() {
    NioKey k = key;
    if (k != null && k.valid) {
      k.poller.unregister(k);
    }
  }
}
