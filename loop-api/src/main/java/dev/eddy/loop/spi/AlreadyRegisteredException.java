package dev.eddy.loop.spi;

/**
 * Thrown by {@link Poller#register} for a handle that is registered already. Every backend throws
 * this type with the message {@code "already registered: <handle>"}.
 */
public final class AlreadyRegisteredException extends IllegalStateException {

  /** @param handle the handle that was registered twice */
  public AlreadyRegisteredException(PollHandle handle) {
    super("already registered: " + handle);
  }
}
