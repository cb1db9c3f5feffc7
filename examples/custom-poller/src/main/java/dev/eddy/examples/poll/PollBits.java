package dev.eddy.examples.poll;

import dev.eddy.loop.spi.Poller;

/**
 * {@code poll(2)}'s event bits and their translation to and from Eddy's.
 *
 * <p>The numbers are the historical System V ones, the same on Linux, macOS and FreeBSD ({@code
 * <poll.h>}). Eddy's {@link Poller#READ}, {@link Poller#WRITE} and {@link Poller#ERROR} happen to
 * be epoll's values, which epoll copied from poll; the translation is written out all the same,
 * so that the code says what it means and does not depend on that coincidence.
 *
 * <p>{@code POLLERR}, {@code POLLHUP} and {@code POLLNVAL} are output only: the kernel reports
 * them whether or not they were asked for (Linux masks {@code revents} with {@code events |
 * POLLERR | POLLHUP | POLLNVAL}). That is exactly the SPI's "ERROR is always reported". Stateless
 * and thread-safe.
 */
final class PollBits {

  /** Data to read, or a connection to accept. */
  static final short POLLIN = 0x001;
  /** Room to write, or a non-blocking connect has finished (successfully or not). */
  static final short POLLOUT = 0x004;
  /** An error is pending on the descriptor (a reset, a refused connect). Output only. */
  static final short POLLERR = 0x008;
  /**
   * Hang-up: for a socket, both directions are shut down (or it was reset); for a pipe's read
   * end, the write end is closed. Output only. Data may still be readable.
   */
  static final short POLLHUP = 0x010;
  /** The descriptor is not open: closed behind the poller's back. Output only. */
  static final short POLLNVAL = 0x020;

  private PollBits() {}

  /** The {@code events} to ask poll(2) for, for an SPI interest (bits of READ and WRITE). */
  static short toPoll(int interest) {
    int events = 0;
    if ((interest & Poller.READ) != 0) {
      events |= POLLIN;
    }
    if ((interest & Poller.WRITE) != 0) {
      events |= POLLOUT;
    }
    return (short) events;
  }

  /**
   * The SPI's ready events for a {@code revents}. An error ({@code POLLERR}), a hang-up ({@code
   * POLLHUP}) and a descriptor that is not open ({@code POLLNVAL}) are all {@link Poller#ERROR}:
   * the SPI has one condition, "error or hang-up", and callers test it with {@code (ready &
   * ERROR) != 0}. Readiness that comes with it (POLLIN with POLLHUP: data, then end of stream) is
   * reported too, so the caller reads what is left before it sees the end.
   */
  static int toEddy(int revents) {
    int ready = 0;
    if ((revents & POLLIN) != 0) {
      ready |= Poller.READ;
    }
    if ((revents & POLLOUT) != 0) {
      ready |= Poller.WRITE;
    }
    if ((revents & (POLLERR | POLLHUP | POLLNVAL)) != 0) {
      ready |= Poller.ERROR;
    }
    return ready;
  }
}
