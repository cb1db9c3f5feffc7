package dev.eddy.loop.sync;

/**
 * Thrown by {@link Queue#getNoWait} when the queue has no item to give: Tornado's {@code
 * tornado.queues.QueueEmpty}. Unchecked, because a caller that cannot handle an empty queue should
 * use {@link Queue#get} instead.
 */
public final class QueueEmptyException extends RuntimeException {

  /** An exception whose message describes the queue. */
  QueueEmptyException(String message) {
    super(message);
  }
}
