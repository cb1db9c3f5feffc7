package dev.eddy.loop;

import dev.eddy.loop.spi.PollHandle;

/**
 * Receives the readiness of a handle registered with {@link IOLoop#addHandler}. Runs on the loop's
 * thread.
 *
 * <p>Readiness is level-triggered and may be spurious: read or write until the call would block.
 * An exception thrown here is logged with its stack and the loop goes on; the handler stays
 * registered.
 */
@FunctionalInterface
public interface IOHandler {

  /**
   * @param handle the registered handle
   * @param events the ready events: bits of {@link IOLoop#READ}, {@link IOLoop#WRITE} and {@link
   *     IOLoop#ERROR}
   * @throws Exception anything; it is logged and the loop goes on
   */
  void handleEvents(PollHandle handle, int events) throws Exception;
}
