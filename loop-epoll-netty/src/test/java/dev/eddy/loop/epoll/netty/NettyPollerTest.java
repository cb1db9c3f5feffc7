package dev.eddy.loop.epoll.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.loop.spi.PipeHandles;
import dev.eddy.loop.spi.PollEvents;
import dev.eddy.loop.spi.PollKey;
import dev.eddy.loop.spi.Poller;
import dev.eddy.loop.tck.ResourceLeakCheck;
import io.netty.channel.epoll.Epoll;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What is particular to the epoll-netty poller: events beyond the caller's buffer carried over
 * fairly, unregistering from a thread other than the polling one, and closing.
 */
@ExtendWith(ResourceLeakCheck.class)
@Timeout(30)
class NettyPollerTest {

  private static final long SECOND = 1_000_000_000L;

  private final List<PipeHandles> pipes = new ArrayList<>();

  @BeforeAll
  static void loadNettysNativeLibrary() {
    Epoll.ensureAvailability(); // as the provider's probe does before anything else
  }

  @AfterEach
  void closePipes() throws IOException {
    for (PipeHandles p : pipes) {
      p.close();
    }
  }

  /** A pipe whose sink is writable, so registering the sink for WRITE is always ready. */
  private PipeHandles pipe() throws IOException {
    PipeHandles p = NettyTransport.INSTANCE.pipe();
    pipes.add(p);
    return p;
  }

  @Test
  void whatDoesNotFitIsReportedByTheNextPollsInTurn() throws IOException {
    try (NettyPoller poller = NettyPoller.open()) {
      List<PollKey> keys = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        keys.add(poller.register(pipe().sink(), Poller.WRITE, i));
      }
      // 5 always-ready keys, 2 slots per poll: 20 polls have 40 slots, 8 for each key.
      PollEvents two = new PollEvents(2);
      Map<PollKey, Integer> count = new HashMap<>();
      Map<PollKey, Integer> last = new HashMap<>();
      int longestWait = 0;
      for (int poll = 0; poll < 20; poll++) {
        assertEquals(2, poller.poll(SECOND, two));
        assertNotSame(two.key(0), two.key(1), "a key is reported at most once per poll");
        for (int i = 0; i < two.size(); i++) {
          assertEquals(Poller.WRITE, two.events(i));
          count.merge(two.key(i), 1, Integer::sum);
          Integer previous = last.put(two.key(i), poll);
          longestWait = Math.max(longestWait, poll - (previous == null ? -1 : previous));
        }
      }
      for (PollKey k : keys) {
        assertEquals(8, count.getOrDefault(k, 0), "a round robin: " + count.values());
      }
      assertTrue(longestWait <= 3, "a ready key waited " + longestWait + " polls");
    }
  }

  @Test
  void aKeyUnregisteredWhileQueuedIsDropped() throws IOException {
    try (NettyPoller poller = NettyPoller.open()) {
      PollKey a = poller.register(pipe().sink(), Poller.WRITE, "a");
      PollKey b = poller.register(pipe().sink(), Poller.WRITE, "b");
      PollEvents one = new PollEvents(1);
      assertEquals(1, poller.poll(SECOND, one));
      PollKey queued = one.key(0) == a ? b : a;
      poller.unregister(queued);
      assertEquals(1, poller.poll(SECOND, one));
      assertNotSame(queued, one.key(0));
      assertTrue(one.key(0).isValid());
    }
  }

  @Test
  void unregisterFromAnotherThreadTakesEffectAtOnce() throws Exception {
    PipeHandles p = pipe();
    try (NettyPoller poller = NettyPoller.open()) {
      PollKey key = poller.register(p.source(), Poller.READ, null);
      p.sink().write(ByteBuffer.wrap(new byte[] {1}));
      PollEvents events = new PollEvents(4);
      assertEquals(1, poller.poll(SECOND, events));
      // Netty would queue a cancel from a thread it does not take for its executor; the poller
      // makes the calling thread the executor, so the descriptor leaves the epoll set now.
      CompletableFuture.runAsync(() -> poller.unregister(key),
          r -> new Thread(r, "unregistering").start()).get(10, TimeUnit.SECONDS);
      assertFalse(key.isValid());
      assertEquals(0, poller.poll(0, events), "no event after the unregister");
      PollKey again = poller.register(p.source(), Poller.READ, null);
      assertEquals(1, poller.poll(SECOND, events), "registering again works: no stale entry");
      assertSame(again, events.key(0));
    }
  }

  @Test
  void closingARegisteredHandleUnregistersIt() throws IOException {
    PipeHandles p = pipe();
    try (NettyPoller poller = NettyPoller.open()) {
      PollKey key = poller.register(p.source(), Poller.READ, null);
      p.sink().write(ByteBuffer.wrap(new byte[] {1}));
      p.source().close();
      assertFalse(key.isValid());
      assertEquals(0, poller.poll(0, new PollEvents(4)));
    }
  }

  @Test
  void closingThePollerLeavesTheHandlesOpenAndUsable() throws IOException {
    PipeHandles p = pipe();
    NettyPoller poller = NettyPoller.open();
    PollKey key = poller.register(p.sink(), Poller.WRITE, null);
    poller.close();
    assertFalse(key.isValid());
    assertTrue(p.sink().isOpen());
    assertEquals(1, p.sink().write(ByteBuffer.wrap(new byte[] {1})), "Netty did not close it");
    try (NettyPoller other = NettyPoller.open()) {
      PollKey again = other.register(p.sink(), Poller.WRITE, null);
      assertEquals(1, other.poll(SECOND, new PollEvents(4)));
      assertTrue(again.isValid());
    }
  }

  @Test
  void aWakeupDuringABlockedPollReturnsItAndIsConsumed() throws Exception {
    try (NettyPoller poller = NettyPoller.open()) {
      PollEvents events = new PollEvents(4);
      Thread polling = Thread.currentThread();
      CompletableFuture<Void> waker = CompletableFuture.runAsync(() -> {
        while (polling.getState() != Thread.State.RUNNABLE || !inNativeWait(polling)) {
          Thread.onSpinWait();
        }
        poller.wakeup();
      }, r -> new Thread(r, "waker").start());
      long t0 = System.nanoTime();
      assertEquals(0, poller.poll(20 * SECOND, events));
      assertTrue(System.nanoTime() - t0 < 10 * SECOND, "woken");
      waker.get(10, TimeUnit.SECONDS);
      long t1 = System.nanoTime();
      poller.poll(100_000_000L, events);
      assertTrue(System.nanoTime() - t1 >= 90_000_000L,
          "the eventfd write was consumed: the next poll blocks again");
    }
  }

  private static boolean inNativeWait(Thread t) {
    StackTraceElement[] stack = t.getStackTrace();
    if (stack.length == 0 || !stack[0].isNativeMethod()) {
      return false;
    }
    Set<String> methods = new HashSet<>();
    for (StackTraceElement e : stack) {
      methods.add(e.getClassName() + "." + e.getMethodName());
    }
    return methods.contains(NettyPoller.class.getName() + ".poll");
  }
}
