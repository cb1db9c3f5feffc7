package dev.eddy.loop.epoll.jna;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.eddy.loop.spi.PipeHandles;
import dev.eddy.loop.spi.PollEvents;
import dev.eddy.loop.spi.PollKey;
import dev.eddy.loop.spi.Poller;
import dev.eddy.loop.tck.ResourceLeakCheck;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** What is particular to the epoll poller: timeout rounding and slot generations. */
@ExtendWith(ResourceLeakCheck.class)
@Timeout(30)
class EpollPollerTest {

  @Test
  void timeoutsRoundUpToWholeMilliseconds() {
    assertEquals(-1, EpollPoller.millis(-1));
    assertEquals(0, EpollPoller.millis(0));
    assertEquals(1, EpollPoller.millis(300_000), "0.3 ms must wait, not spin");
    assertEquals(1, EpollPoller.millis(1_000_000));
    assertEquals(2, EpollPoller.millis(1_000_001));
    assertEquals(Integer.MAX_VALUE, EpollPoller.millis(Long.MAX_VALUE));
  }

  @Test
  void aReusedSlotGetsANewGenerationAndTheOldTokenIsDropped() throws IOException {
    PipeHandles a = new EpollJnaProvider().transport().pipe();
    PipeHandles b = new EpollJnaProvider().transport().pipe();
    try (EpollPoller poller = new EpollPoller()) {
      EpollKey first = (EpollKey) poller.register(a.sink(), Poller.WRITE, "a");
      long oldToken = first.token();
      poller.unregister(first);
      EpollKey second = (EpollKey) poller.register(b.sink(), Poller.WRITE, "b");
      assertEquals(first.slot(), second.slot(), "the freed slot is taken again");
      assertNotEquals(oldToken, second.token(), "with a new generation");
      PollEvents events = new PollEvents(4);
      assertEquals(1, poller.poll(1_000_000_000L, events));
      assertSame(second, events.key(0));
    } finally {
      a.close();
      b.close();
    }
  }

  @Test
  void closingARegisteredHandleUnregistersIt() throws IOException {
    PipeHandles pipe = new EpollJnaProvider().transport().pipe();
    try (EpollPoller poller = new EpollPoller()) {
      PollKey key = poller.register(pipe.source(), Poller.READ, null);
      pipe.sink().write(ByteBuffer.wrap(new byte[] {1}));
      pipe.source().close();
      assertEquals(false, key.isValid());
      assertEquals(0, poller.poll(0, new PollEvents(4)));
    } finally {
      pipe.close();
    }
  }
}
