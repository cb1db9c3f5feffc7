package dev.eddy.loop;

/**
 * Thrown by {@link IOLoop#runSync} when something stopped the loop before the future completed.
 * The message is Tornado's: "Event loop stopped before Future completed."
 */
public final class LoopStoppedException extends RuntimeException {

  LoopStoppedException(String message) {
    super(message);
  }
}
