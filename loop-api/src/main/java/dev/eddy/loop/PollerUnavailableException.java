package dev.eddy.loop;

/**
 * Thrown when a loop cannot be created on the backend asked for: an unknown name, or a backend
 * that cannot run here. The message names the backend, says why, and lists the available ones;
 * {@link #getCause()} is the backend's {@code unavailabilityCause()} where it has one.
 */
public final class PollerUnavailableException extends IllegalStateException {

  PollerUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
