package dev.eddy.loop.sync;

/**
 * Thrown by {@link Queue#putNoWait} when the queue holds {@link Queue#maxsize()} items already:
 * Tornado's {@code tornado.queues.QueueFull}. Unchecked, because a caller that cannot handle a full
 * queue should use {@link Queue#put} instead.
 */
public final class QueueFullException extends RuntimeException {

  /** An exception whose message describes the queue. */
  QueueFullException(String message) {
    super(message);
  }
}
