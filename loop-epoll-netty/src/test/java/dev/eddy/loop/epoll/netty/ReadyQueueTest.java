package dev.eddy.loop.epoll.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.loop.spi.PollEvents;
import org.junit.jupiter.api.Test;

/**
 * The ready queue: a round robin over the keys each run reports, whatever the kernel's order; a
 * key at most once with its latest readiness; keys not reported again, or no longer valid,
 * dropped; order kept across growth and wrap-around.
 */
class ReadyQueueTest {

  private static NettyKey key(String name) {
    return new NettyKey(null, null, 0, name);
  }

  /** One poll: a run reporting {@code reported} in the kernel's order, then a drain. */
  private static String poll(ReadyQueue queue, int capacity, NettyKey... reported) {
    queue.startRun();
    for (NettyKey k : reported) {
      queue.offer(k, 1);
    }
    PollEvents out = new PollEvents(capacity);
    queue.drainInto(out);
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < out.size(); i++) {
      b.append(out.key(i).attachment());
    }
    return b.toString();
  }

  @Test
  void aSmallBufferSeesEveryReadyKeyInTurnDespiteTheKernelsFixedOrder() {
    ReadyQueue queue = new ReadyQueue();
    NettyKey[] k = {key("A"), key("B"), key("C"), key("D"), key("E")};
    StringBuilder seen = new StringBuilder();
    for (int i = 0; i < 5; i++) {
      seen.append(poll(queue, 2, k)).append(' ');
      assertTrue(queue.hasUndelivered(), "five ready keys never fit into two slots");
    }
    assertEquals("AB CD EA BC DE ", seen.toString());
  }

  @Test
  void keysLeftUndeliveredMakeTheNextPollNonBlocking() {
    ReadyQueue queue = new ReadyQueue();
    NettyKey a = key("A");
    NettyKey b = key("B");
    assertEquals("A", poll(queue, 1, a, b));
    assertTrue(queue.hasUndelivered());
    assertEquals("BA", poll(queue, 2, a, b), "B waited: its turn first");
    assertFalse(queue.hasUndelivered(), "all delivered: the next poll may wait");
  }

  @Test
  void aKeyReportedAgainKeepsItsPlaceWithItsLatestReadiness() {
    ReadyQueue queue = new ReadyQueue();
    NettyKey a = key("A");
    NettyKey b = key("B");
    queue.startRun();
    queue.offer(a, 1);
    queue.offer(b, 4);
    queue.offer(a, 1 | 0x18);
    PollEvents out = new PollEvents(4);
    queue.drainInto(out);
    assertEquals(2, out.size(), "once each");
    assertSame(a, out.key(0));
    assertEquals(1 | 0x18, out.events(0));
    assertSame(b, out.key(1));
  }

  @Test
  void aKeyTheLastRunDidNotReportIsNoLongerReady() {
    ReadyQueue queue = new ReadyQueue();
    NettyKey a = key("A");
    NettyKey b = key("B");
    assertEquals("A", poll(queue, 1, a, b));
    assertEquals("A", poll(queue, 1, a), "B was drained away by now: not ready any more");
    assertEquals("", poll(queue, 4), "nothing reported: nothing delivered");
    assertEquals(0, queue.size());
  }

  @Test
  void keysNoLongerValidAreDroppedAsStale() {
    ReadyQueue queue = new ReadyQueue();
    NettyKey gone = key("G");
    NettyKey live = key("L");
    queue.startRun();
    queue.offer(gone, 1);
    queue.offer(live, 1);
    gone.valid = false;
    PollEvents out = new PollEvents(4);
    queue.drainInto(out);
    assertEquals(1, out.size());
    assertSame(live, out.key(0));
    assertEquals(-1, gone.queued);
  }

  @Test
  void keepsItsOrderWhenItGrowsAcrossTheWrapAround() {
    ReadyQueue queue = new ReadyQueue();
    NettyKey[] first = new NettyKey[10];
    for (int i = 0; i < first.length; i++) {
      first[i] = key("f" + i);
    }
    poll(queue, 10, first); // the ten stay queued at the tail: the head is off slot 0 now
    NettyKey[] keys = new NettyKey[40];
    queue.startRun();
    for (int i = 0; i < keys.length; i++) {
      keys[i] = key("k" + i);
      queue.offer(keys[i], i);
    }
    queue.offer(keys[3], 333); // found in its new slot after growing
    PollEvents out = new PollEvents(64);
    queue.drainInto(out);
    assertEquals(40, out.size(), "the ten not reported again are dropped");
    for (int i = 0; i < keys.length; i++) {
      assertSame(keys[i], out.key(i));
      assertEquals(i == 3 ? 333 : i, out.events(i));
    }
  }

  @Test
  void clearForgetsEverything() {
    ReadyQueue queue = new ReadyQueue();
    NettyKey a = key("A");
    queue.startRun();
    queue.offer(a, 1);
    queue.clear();
    assertEquals(0, queue.size());
    assertEquals(-1, a.queued);
    assertFalse(queue.hasUndelivered());
    PollEvents out = new PollEvents(4);
    queue.drainInto(out);
    assertEquals(0, out.size());
  }
}
