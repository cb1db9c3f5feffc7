package dev.eddy.loop.epoll.netty;

import dev.eddy.loop.spi.PollHandle;
import io.netty.channel.unix.FileDescriptor;
import java.io.IOException;

/**
 * A descriptor owned by this backend, held as Netty's {@link FileDescriptor} (a {@code
 * LinuxSocket} for sockets): a socket, a listener or a pipe end.
 *
 * <p>Netty is never called once the handle is closed ({@link #ensureOpen()}), because it would use
 * the bare descriptor number, which may belong to something else by then. Closing first removes
 * the handle from the poller it is registered with, so that its registration is gone before the
 * number can be reused.
 *
 * <p>Threading: one thread at a time, normally the loop's.
 */
abstract class NettyHandle implements PollHandle {

  private final FileDescriptor fd;
  private boolean closed;
  /** The current registration, or null. Owned by the polling thread. */
  NettyKey key;

  NettyHandle(FileDescriptor fd) {
    this.fd = fd;
  }

  /** The descriptor, for Netty's poller whatever the state. */
  final FileDescriptor descriptor() {
    return fd;
  }

  /** The descriptor number, for messages. */
  final int number() {
    return fd.intValue();
  }

  /** Fails if the handle is closed; call before every use of the descriptor. */
  final void ensureOpen() throws IOException {
    if (closed) {
      throw new IOException(kind() + " is closed: " + this);
    }
  }

  /** What this is, for messages: "socket", "listener", "pipe source". */
  abstract String kind();

  /** Called once, just before the descriptor is closed. */
  void beforeClose() {}

  @Override
  public final boolean isOpen() {
    return !closed;
  }

  @Override
  public final void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    NettyKey k = key;
    if (k != null && k.valid) {
      k.poller.unregister(k);
    }
    beforeClose();
    try {
      fd.close(); // close(2) releases the number even when it reports an error: never retried
    } catch (IOException e) {
      throw Errno.translate("close", e, null);
    }
  }
}
