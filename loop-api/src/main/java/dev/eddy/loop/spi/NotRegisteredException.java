package dev.eddy.loop.spi;

/**
 * Thrown by {@link Poller#modify} for a key that is no longer registered (unregistered, or its
 * poller closed). Every backend throws this type with the message {@code "not registered:
 * <handle>"}.
 */
public final class NotRegisteredException extends IllegalStateException {

  /** @param handle the handle of the key */
  public NotRegisteredException(PollHandle handle) {
    super("not registered: " + handle);
  }
}
