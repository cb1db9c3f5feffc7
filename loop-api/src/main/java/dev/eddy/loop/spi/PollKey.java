package dev.eddy.loop.spi;

/**
 * One registration of a handle with a {@link Poller}. A key is never reused: registering the same
 * handle again after {@link Poller#unregister} gives a new key.
 *
 * <p>Threading: read on the polling thread.
 */
public interface PollKey {

  /** The registered handle. */
  PollHandle handle();

  /** The object given to {@link Poller#register}. */
  Object attachment();

  /** The current interest: a bit set of {@link Poller#READ} and {@link Poller#WRITE}. */
  int interest();

  /** True until the key is unregistered or its poller closed. */
  boolean isValid();
}
