package dev.eddy.loop;

/**
 * Thrown by {@link IOLoop#runSync} when its timeout passes before the future completes; the
 * future has been cancelled. The message is Tornado's: "Operation timed out after ...".
 */
public final class LoopTimeoutException extends RuntimeException {

  LoopTimeoutException(String message) {
    super(message);
  }
}
