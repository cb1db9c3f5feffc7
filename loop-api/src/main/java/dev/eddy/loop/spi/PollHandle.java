package dev.eddy.loop.spi;

import java.io.Closeable;
import java.io.IOException;

/**
 * Something a {@link Poller} can watch: a socket, a listening socket or one end of a pipe, made by
 * the {@link Transport} of the same backend.
 *
 * <p>Threading: a handle is used by one thread at a time, normally its loop's thread. {@link
 * #close()} is idempotent.
 */
public interface PollHandle extends Closeable {

  /** True until {@link #close()} has been called. */
  boolean isOpen();

  /**
   * Closes the handle and releases its descriptor. Unregister it from its poller first; a handle
   * closed while registered may still appear in the batch being dispatched, and its key is then no
   * longer valid. Calling this again does nothing.
   *
   * @throws IOException if the operating system reports an error while closing; the handle is
   *     closed all the same
   */
  @Override
  void close() throws IOException;
}
