package dev.eddy.examples.poll;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.eddy.loop.spi.Poller;
import org.junit.jupiter.api.Test;

/** The translation between poll(2)'s bits and Eddy's, and of timeouts; no native code. */
class PollBitsTest {

  @Test
  void interestAsksForPollinAndPollout() {
    assertEquals(0, PollBits.toPoll(0));
    assertEquals(PollBits.POLLIN, PollBits.toPoll(Poller.READ));
    assertEquals(PollBits.POLLOUT, PollBits.toPoll(Poller.WRITE));
    assertEquals(PollBits.POLLIN | PollBits.POLLOUT, PollBits.toPoll(Poller.READ | Poller.WRITE));
  }

  @Test
  void reventsBecomeReadWriteAndError() {
    assertEquals(0, PollBits.toEddy(0));
    assertEquals(Poller.READ, PollBits.toEddy(PollBits.POLLIN));
    assertEquals(Poller.WRITE, PollBits.toEddy(PollBits.POLLOUT));
    assertEquals(Poller.ERROR, PollBits.toEddy(PollBits.POLLERR));
    assertEquals(Poller.ERROR, PollBits.toEddy(PollBits.POLLHUP));
    assertEquals(Poller.ERROR, PollBits.toEddy(PollBits.POLLNVAL), "a closed descriptor");
    // A peer's close with data still buffered: read what is left, then see the end.
    assertEquals(Poller.READ | Poller.ERROR, PollBits.toEddy(PollBits.POLLIN | PollBits.POLLHUP));
    // A refused connect on Linux: POLLOUT | POLLERR | POLLHUP.
    assertEquals(Poller.WRITE | Poller.ERROR,
        PollBits.toEddy(PollBits.POLLOUT | PollBits.POLLERR | PollBits.POLLHUP));
    assertEquals(0, PollBits.toEddy(0x002), "POLLPRI is never asked for, and not Eddy's");
  }

  @Test
  void timeoutsRoundUpToWholeMillisecondsAndClamp() {
    assertEquals(-1, PollPoller.timeoutMillis(-1));
    assertEquals(-1, PollPoller.timeoutMillis(Long.MIN_VALUE));
    assertEquals(0, PollPoller.timeoutMillis(0));
    assertEquals(1, PollPoller.timeoutMillis(1), "a nanosecond waits, it does not spin");
    assertEquals(1, PollPoller.timeoutMillis(300_000));
    assertEquals(1, PollPoller.timeoutMillis(1_000_000));
    assertEquals(2, PollPoller.timeoutMillis(1_000_001));
    assertEquals(Integer.MAX_VALUE, PollPoller.timeoutMillis(Long.MAX_VALUE));
  }
}
