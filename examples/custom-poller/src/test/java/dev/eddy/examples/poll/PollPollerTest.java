package dev.eddy.examples.poll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.loop.spi.PipeHandles;
import dev.eddy.loop.spi.PollEvents;
import dev.eddy.loop.spi.PollKey;
import dev.eddy.loop.spi.Poller;
import dev.eddy.loop.spi.Transport;
import dev.eddy.loop.tck.ResourceLeakCheck;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What the contract suites cannot see from outside: the pollfd array is written only when a
 * registration changes, stays dense, and a full event buffer does not starve the entries behind
 * it. Pipes (their write ends are writable at once) stand in for sockets.
 */
@EnabledOnOs(OS.LINUX) // on Linux (and so in CI) the poll backend must be available
@ExtendWith(ResourceLeakCheck.class)
class PollPollerTest {

  private final List<PipeHandles> pipes = new ArrayList<>();
  private Transport transport;
  private PollPoller poller;

  @BeforeEach
  void open() throws IOException {
    PollProvider provider = new PollProvider();
    transport = provider.transport();
    poller = (PollPoller) provider.open();
  }

  @AfterEach
  void close() throws IOException {
    poller.close();
    for (PipeHandles p : pipes) {
      p.close();
    }
  }

  private PipeHandles pipe() throws IOException {
    PipeHandles p = transport.pipe();
    pipes.add(p);
    return p;
  }

  @Test
  void anUnchangedInterestWritesNothing() throws IOException {
    PollKey key = poller.register(pipe().sink(), Poller.WRITE, null);
    long writes = poller.pollSet().writes();
    poller.modify(key, Poller.WRITE);
    assertEquals(writes, poller.pollSet().writes(), "unchanged: the array is not touched");
    PollEvents events = new PollEvents(8);
    poller.poll(0, events);
    assertEquals(writes, poller.pollSet().writes(), "polling does not rebuild the array");
    poller.modify(key, 0);
    assertEquals(writes + 1, poller.pollSet().writes(), "a change is one write");
  }

  @Test
  void theArrayStaysDenseAndGrows() throws IOException {
    List<PollKey> keys = new ArrayList<>();
    for (int i = 0; i < 100; i++) { // past the initial 64 entries
      keys.add(poller.register(pipe().sink(), Poller.WRITE, i));
    }
    for (int i = 0; i < keys.size(); i += 2) {
      poller.unregister(keys.get(i));
    }
    PollSet<PollRegistration> set = poller.pollSet();
    assertEquals(1 + 50, set.size(), "the waker and the 50 left");
    for (int i = 1; i < set.size(); i++) {
      PollRegistration owner = set.owner(i);
      assertTrue(owner.isValid());
      assertEquals(i, owner.index, "every key knows its entry");
      assertEquals(owner.handle.fd(), set.fd(i), "and the entry is its descriptor");
    }
    PollEvents events = new PollEvents(256);
    assertEquals(50, poller.poll(0, events), "every write end left is writable");
    for (int i = 0; i < events.size(); i++) {
      assertEquals(1, (Integer) events.key(i).attachment() % 2, "only the odd ones are left");
    }
  }

  @Test
  void aFullBufferDoesNotStarveTheEntriesBehindIt() throws IOException {
    Set<PollKey> keys = new HashSet<>();
    for (int i = 0; i < 3; i++) {
      keys.add(poller.register(pipe().sink(), Poller.WRITE, null)); // always writable
    }
    PollEvents one = new PollEvents(1);
    Set<PollKey> seen = new HashSet<>();
    for (int i = 0; i < 3; i++) {
      assertEquals(1, poller.poll(0, one));
      seen.add(one.key(0));
    }
    assertEquals(keys, seen, "three polls of one event each reported all three");
  }

  @Test
  void closingTheHandleUnregistersItFirst() throws IOException {
    PipeHandles p = pipe();
    PollKey key = poller.register(p.sink(), Poller.WRITE, null);
    PollEvents events = new PollEvents(8);
    assertEquals(1, poller.poll(0, events));
    p.sink().close();
    assertFalse(key.isValid());
    assertFalse(events.isLive(0), "its event in the batch is stale");
    assertEquals(1, poller.pollSet().size(), "only the waker is left");
    assertEquals(0, poller.poll(0, events));
  }

  @Test
  void aWakeupIsNotAnEvent() throws IOException {
    PollKey key = poller.register(pipe().source(), Poller.READ, null);
    poller.wakeup();
    PollEvents events = new PollEvents(8);
    assertEquals(0, poller.poll(-1, events), "the wake-up returned the poll with no event");
    PipeHandles p = pipes.get(0);
    java.nio.ByteBuffer one = java.nio.ByteBuffer.allocateDirect(1);
    p.sink().write(one);
    assertEquals(1, poller.poll(-1, events));
    assertSame(key, events.key(0));
  }
}
