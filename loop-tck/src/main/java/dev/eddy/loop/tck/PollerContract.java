package dev.eddy.loop.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.eddy.loop.spi.AlreadyRegisteredException;
import dev.eddy.loop.spi.NotRegisteredException;
import dev.eddy.loop.spi.PollEvents;
import dev.eddy.loop.spi.PollHandle;
import dev.eddy.loop.spi.PollKey;
import dev.eddy.loop.spi.Poller;
import dev.eddy.loop.spi.PollerProvider;
import dev.eddy.loop.spi.ServerSocketHandle;
import dev.eddy.loop.spi.SocketHandle;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The poller contract of {@code dev.eddy.loop.spi}, checked against one backend through the SPI
 * only. A backend (or a user's plugin) runs it by subclassing:
 *
 * <pre>{@code
 * class MyPollerContractTest extends PollerContract {
 *   @Override protected PollerProvider provider() { return new MyPollerProvider(); }
 * }
 * }</pre>
 *
 * <p>Every test closes what it opened; {@link ResourceLeakCheck} fails it otherwise.
 */
@ExtendWith(ResourceLeakCheck.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
public abstract class PollerContract {

  /** The backend under test. Called once per test. */
  protected abstract PollerProvider provider();

  /**
   * Whether the backend reports ERROR for a registration whose interest is empty. True for
   * epoll; the JDK selector cannot (it drops such a channel from its set) and kqueue has no
   * error-only filter, so the nio and kqueue backends override this with false, and the suite
   * then checks that such a registration reports nothing until READ is asked for, and the error
   * shows then.
   */
  protected boolean reportsErrorWithoutInterest() {
    return true;
  }

  private static final long SECOND = 1_000_000_000L;

  protected PollerProvider provider;
  protected Connections net;
  protected Poller poller;
  protected PollEvents events;

  @BeforeEach
  void openPoller() throws IOException {
    provider = provider();
    assumeTrue(provider.isAvailable(), () -> "backend " + provider.name()
        + " is not available here: " + provider.unavailabilityCause());
    net = new Connections(provider);
    poller = provider.open();
    events = new PollEvents(256);
  }

  @AfterEach
  void closePoller() throws Exception {
    if (poller != null) {
      poller.close();
    }
    if (net != null) {
      net.close();
    }
  }

  // ------------------------------------------------------------------------------- readiness

  @Test
  void listenerIsReadableWhenAConnectionWaits() throws IOException {
    ServerSocketHandle listener = net.listen();
    PollKey key = poller.register(listener, Poller.READ, "listener");
    assertEquals(0, poller.poll(0, events), "nothing to accept yet");
    net.connect(listener.localAddress());
    int ready = Connections.pollUntil(poller, key, Poller.READ);
    assertTrue((ready & Poller.READ) != 0, "READ on the listener");
    assertEquals("listener", key.attachment());
    SocketHandle accepted = net.track(listener.accept());
    assertTrue(accepted != null, "accept() after READ gives the connection");
    assertTrue(accepted.isConnected());
  }

  @Test
  void socketIsReadableWhenDataArrives() throws IOException {
    SocketHandle[] pair = net.pair();
    PollKey key = poller.register(pair[1], Poller.READ, null);
    assertEquals(0, poller.poll(0, events), "no data yet, so no READ");
    net.writeFully(pair[0], ByteBuffer.wrap(new byte[] {1, 2, 3}));
    assertTrue((Connections.pollUntil(poller, key, Poller.READ) & Poller.READ) != 0);
    ByteBuffer buf = ByteBuffer.allocateDirect(16);
    assertEquals(3, pair[1].read(buf));
  }

  @Test
  void connectedSocketIsWritable() throws IOException {
    SocketHandle[] pair = net.pair();
    PollKey key = poller.register(pair[0], Poller.WRITE, null);
    assertEquals(1, poller.poll(SECOND, events));
    assertSame(key, events.key(0));
    assertEquals(Poller.WRITE, events.events(0) & Poller.WRITE);
  }

  @Test
  void connectCompletionIsReportedAsWrite() throws IOException {
    ServerSocketHandle listener = net.listen();
    SocketHandle client = net.connect(listener.localAddress());
    PollKey key = poller.register(client, Poller.WRITE, null);
    int ready = Connections.pollUntil(poller, key, Poller.WRITE);
    assertTrue((ready & Poller.WRITE) != 0, "WRITE when the connect completed");
    assertTrue(client.finishConnect());
    assertTrue(client.isConnected());
    // Once connected, WRITE still means writable (the nio backend must switch OP_CONNECT to
    // OP_WRITE), and does not spin without being asked for.
    assertTrue((Connections.pollUntil(poller, key, Poller.WRITE) & Poller.WRITE) != 0);
    poller.modify(key, 0);
    assertEquals(0, poller.poll(0, events), "no interest: nothing reported");
  }

  @Test
  void connectRefusedIsReportedAndNamesTheCause() throws IOException {
    ServerSocketHandle closedListener = net.listen();
    SocketAddress address = closedListener.localAddress();
    closedListener.close();
    SocketHandle client;
    try {
      client = net.connect(address);
    } catch (ConnectException refusedAtOnce) {
      assertTrue(refusedAtOnce.getMessage().toLowerCase().contains("refused"),
          "message names the cause: " + refusedAtOnce.getMessage());
      return;
    }
    PollKey key = poller.register(client, Poller.WRITE, null);
    int ready = Connections.pollUntil(poller, key, Poller.WRITE);
    assertTrue((ready & (Poller.WRITE | Poller.ERROR)) != 0, "WRITE or ERROR when refused");
    ConnectException e = assertThrows(ConnectException.class, client::finishConnect);
    assertTrue(e.getMessage().toLowerCase().contains("refused"),
        "message names the cause: " + e.getMessage());
    assertTrue(e.getMessage().contains(String.valueOf(
        ((java.net.InetSocketAddress) address).getPort())), "message names the address: "
        + e.getMessage());
    poller.unregister(key);
  }

  @Test
  void readinessIsLevelTriggered() throws IOException {
    SocketHandle[] pair = net.pair();
    PollKey key = poller.register(pair[1], Poller.READ, null);
    net.writeFully(pair[0], ByteBuffer.wrap(new byte[100]));
    Connections.pollUntil(poller, key, Poller.READ);
    // Not read: reported again, and again.
    for (int i = 0; i < 3; i++) {
      assertEquals(1, poller.poll(SECOND, events), "redelivered at poll " + i);
      assertSame(key, events.key(0));
      assertTrue((events.events(0) & Poller.READ) != 0);
    }
    ByteBuffer buf = ByteBuffer.allocateDirect(1000);
    assertEquals(100, pair[1].read(buf));
    assertEquals(0, pair[1].read(buf), "drained: would block");
    assertEquals(0, poller.poll(0, events), "drained: no longer reported");
  }

  @Test
  void modifyChangesInterestAndUnchangedIsHarmless() throws IOException {
    SocketHandle[] pair = net.pair();
    PollKey key = poller.register(pair[0], Poller.READ, null);
    assertEquals(0, poller.poll(0, events), "writable but only READ asked for");
    poller.modify(key, Poller.READ | Poller.WRITE);
    assertEquals(Poller.READ | Poller.WRITE, key.interest());
    assertEquals(1, poller.poll(SECOND, events));
    assertEquals(Poller.WRITE, events.events(0) & (Poller.READ | Poller.WRITE));
    poller.modify(key, Poller.READ | Poller.WRITE); // unchanged
    assertEquals(1, poller.poll(SECOND, events));
    poller.modify(key, 0);
    assertEquals(0, poller.poll(0, events));
    poller.modify(key, Poller.WRITE);
    assertEquals(1, poller.poll(SECOND, events));
  }

  @Test
  void unregisterStopsEventsAndIsIdempotent() throws IOException {
    SocketHandle[] pair = net.pair();
    PollKey key = poller.register(pair[0], Poller.WRITE, null);
    assertTrue(key.isValid());
    poller.unregister(key);
    assertFalse(key.isValid());
    assertEquals(0, poller.poll(0, events));
    poller.unregister(key);
    // Registering again gives a new key.
    PollKey again = poller.register(pair[0], Poller.WRITE, null);
    assertNotEquals(key, again);
    assertEquals(1, poller.poll(SECOND, events));
    assertSame(again, events.key(0));
  }

  @Test
  void registeringTwiceFailsWithTheSharedMessage() throws IOException {
    SocketHandle[] pair = net.pair();
    poller.register(pair[0], Poller.READ, null);
    AlreadyRegisteredException e = assertThrows(AlreadyRegisteredException.class,
        () -> poller.register(pair[0], Poller.WRITE, null));
    assertEquals("already registered: " + pair[0], e.getMessage());
  }

  @Test
  void modifyingAnUnregisteredKeyFailsWithTheSharedMessage() throws IOException {
    SocketHandle[] pair = net.pair();
    PollKey key = poller.register(pair[0], Poller.READ, null);
    poller.unregister(key);
    NotRegisteredException e = assertThrows(NotRegisteredException.class,
        () -> poller.modify(key, Poller.WRITE));
    assertEquals("not registered: " + pair[0], e.getMessage());
  }

  @Test
  void badInterestAndForeignHandlesAreRejected() throws IOException {
    SocketHandle[] pair = net.pair();
    assertThrows(IllegalArgumentException.class, () -> poller.register(pair[0], 0x2, null));
    PollHandle foreign = new PollHandle() {
      @Override
      public boolean isOpen() {
        return true;
      }

      @Override
      public void close() {}
    };
    assertThrows(IllegalArgumentException.class, () -> poller.register(foreign, Poller.READ, null));
    PollKey key = poller.register(pair[0], Poller.READ, null);
    assertThrows(IllegalArgumentException.class, () -> poller.modify(key, 0x40));
  }

  // ----------------------------------------------------------------------------- stale events

  @Test
  void keyUnregisteredEarlierInTheBatchIsNotLive() throws IOException {
    SocketHandle[] a = net.pair();
    SocketHandle[] b = net.pair();
    PollKey ka = poller.register(a[0], Poller.WRITE, "a");
    PollKey kb = poller.register(b[0], Poller.WRITE, "b");
    assertEquals(2, poller.poll(SECOND, events));
    // The handler of the first event unregisters the other handle.
    int first = 0;
    PollKey other = events.key(first) == ka ? kb : ka;
    poller.unregister(other);
    int otherIndex = events.key(1) == other ? 1 : 0;
    assertFalse(events.isLive(otherIndex), "the unregistered key's event is stale");
    assertTrue(events.isLive(1 - otherIndex));
  }

  @Test
  void closedAndReusedDescriptorGetsNoStaleEvent() throws IOException {
    SocketHandle[] a = net.pair();
    PollKey old = poller.register(a[1], Poller.READ, "old");
    net.writeFully(a[0], ByteBuffer.wrap(new byte[] {42}));
    Connections.pollUntil(poller, old, Poller.READ);
    assertEquals(1, poller.poll(SECOND, events));
    // A handler closes the socket; a new one, very likely with the same descriptor number, is
    // registered in the same batch.
    poller.unregister(old);
    a[1].close();
    SocketHandle[] b = net.pair();
    PollKey fresh = poller.register(b[1], Poller.READ, "fresh");
    assertFalse(events.isLive(0), "the event of the closed socket is stale");
    assertNotEquals(fresh, events.key(0));
    // The new socket has nothing to read: the old readiness must not show up under its key.
    assertEquals(0, poller.poll(0, events), "no stale event after descriptor reuse");
    assertTrue(fresh.isValid());
  }

  // ---------------------------------------------------------------------------------- wakeup

  @Test
  void wakeupFromAnotherThreadReturnsABlockedPollPromptly() throws Exception {
    Thread pollingThread = Thread.currentThread();
    Class<?> pollerClass = poller.getClass();
    AtomicLong wokenAt = new AtomicLong();
    CompletableFuture<Void> waker = CompletableFuture.runAsync(() -> {
      awaitBlockedInPoll(pollingThread, pollerClass);
      wokenAt.set(System.nanoTime());
      poller.wakeup();
    }, r -> new Thread(r, "tck-waker").start());
    long started = System.nanoTime();
    int n = poller.poll(-1, events);
    long returned = System.nanoTime();
    waker.get(10, TimeUnit.SECONDS);
    assertEquals(0, n, "a wakeup is not an event");
    long latency = returned - wokenAt.get();
    assertTrue(wokenAt.get() != 0 && latency < SECOND,
        "poll returned " + latency / 1000 + " µs after wakeup (bound 1 s)");
    assertTrue(returned - started < 10 * SECOND);
  }

  @Test
  void wakeupsFromManyThreadsAreNeverLost() throws Exception {
    // Wakers race with the poll that consumes their wake-ups. A lost wake-up leaves the poller
    // deaf to every later one: the next poll then sleeps its whole timeout although the wakers
    // keep calling wakeup().
    java.util.concurrent.atomic.AtomicBoolean running =
        new java.util.concurrent.atomic.AtomicBoolean(true);
    List<Thread> wakers = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Thread t = new Thread(() -> {
        while (running.get()) {
          poller.wakeup();
        }
      }, "tck-waker-" + i);
      t.start();
      wakers.add(t);
    }
    try {
      long end = System.nanoTime() + 2 * SECOND;
      int polls = 0;
      while (System.nanoTime() - end < 0) {
        long t0 = System.nanoTime();
        poller.poll(5 * SECOND, events);
        long took = System.nanoTime() - t0;
        polls++;
        assertTrue(took < 4 * SECOND, "poll " + polls + " slept " + took / 1_000_000
            + " ms while three threads kept calling wakeup(): a wake-up was lost");
      }
    } finally {
      running.set(false);
      for (Thread t : wakers) {
        t.join();
      }
    }
  }

  @Test
  void closingARegisteredHandleInvalidatesItsKey() throws IOException {
    SocketHandle[] pair = net.pair();
    PollKey key = poller.register(pair[1], Poller.READ, null);
    net.writeFully(pair[0], ByteBuffer.wrap(new byte[] {1}));
    Connections.pollUntil(poller, key, Poller.READ);
    assertEquals(1, poller.poll(SECOND, events));
    pair[1].close(); // by a handler earlier in the batch, say
    assertFalse(key.isValid(), "closing unregisters first");
    assertFalse(events.isLive(0), "the batch's event for it is stale");
    assertEquals(0, poller.poll(0, events));
  }

  @Test
  void wakeupsBeforeAPollCoalesce() throws IOException {
    for (int i = 0; i < 100; i++) {
      poller.wakeup();
    }
    long t0 = System.nanoTime();
    assertEquals(0, poller.poll(10 * SECOND, events));
    assertTrue(System.nanoTime() - t0 < 5 * SECOND, "the pending wakeup returned the poll");
    long t1 = System.nanoTime();
    poller.poll(200_000_000L, events);
    long waited = System.nanoTime() - t1;
    assertTrue(waited >= 150_000_000L, "the second poll blocked for its timeout, waited "
        + waited / 1_000_000 + " ms: 100 wakeups are one early return");
  }

  @Test
  void timeoutsZeroPositiveAndInfinite() throws IOException {
    SocketHandle[] pair = net.pair();
    poller.register(pair[1], Poller.READ, null);
    long t0 = System.nanoTime();
    assertEquals(0, poller.poll(0, events));
    assertTrue(System.nanoTime() - t0 < SECOND / 2, "timeout 0 does not block");
    long t1 = System.nanoTime();
    assertEquals(0, poller.poll(50_000_000L, events));
    long waited = System.nanoTime() - t1;
    assertTrue(waited >= 45_000_000L, "a 50 ms timeout waited " + waited / 1000 + " µs");
    assertTrue(waited < 5 * SECOND, "a 50 ms timeout waited " + waited / 1_000_000 + " ms");
    // Infinite: returns on an event.
    net.writeFully(pair[0], ByteBuffer.wrap(new byte[] {7}));
    assertEquals(1, poller.poll(-1, events));
    // The largest finite timeout is a long wait, not an overflow into an error or a spin.
    assertEquals(1, poller.poll(Long.MAX_VALUE, events));
  }

  // ------------------------------------------------------------------------------ scale, hangups

  @Test
  void thousandsOfRegisteredSockets() throws IOException {
    int pairs = 2000; // 4,000 registered sockets
    ServerSocketHandle listener = net.track(provider.transport().listen(Connections.loopback(0),
        dev.eddy.loop.spi.ListenOptions.DEFAULTS.withBacklog(4096)));
    List<SocketHandle[]> all = new ArrayList<>(pairs);
    Map<PollKey, SocketHandle> servers = new HashMap<>();
    for (int i = 0; i < pairs; i++) {
      SocketHandle[] pair = net.pair(listener);
      all.add(pair);
      poller.register(pair[0], Poller.READ, "client");
      servers.put(poller.register(pair[1], Poller.READ, "server"), pair[1]);
    }
    ByteBuffer one = ByteBuffer.allocateDirect(1);
    for (SocketHandle[] pair : all) {
      one.clear();
      net.writeFully(pair[0], one);
    }
    Set<PollKey> seen = new HashSet<>();
    ByteBuffer sink = ByteBuffer.allocateDirect(16);
    long deadline = System.nanoTime() + 30 * SECOND;
    PollEvents big = new PollEvents(1024);
    while (seen.size() < pairs && System.nanoTime() - deadline < 0) {
      int n = poller.poll(SECOND, big);
      for (int i = 0; i < n; i++) {
        PollKey k = big.key(i);
        assertEquals("server", k.attachment(), "only the server sides have data");
        sink.clear();
        assertEquals(1, servers.get(k).read(sink));
        seen.add(k);
      }
    }
    assertEquals(pairs, seen.size(), "every readable socket was reported");
    assertEquals(0, poller.poll(0, big), "all drained");
  }

  @Test
  void peerHalfCloseIsReported() throws IOException {
    SocketHandle[] pair = net.pair();
    PollKey key = poller.register(pair[1], Poller.READ, null);
    pair[0].shutdownOutput();
    int ready = Connections.pollUntil(poller, key, Poller.READ);
    assertTrue((ready & (Poller.READ | Poller.ERROR)) != 0);
    assertEquals(-1, pair[1].read(ByteBuffer.allocateDirect(8)), "end of stream");
    // Half-closed: this side can still write, and the peer reads it.
    net.writeFully(pair[1], ByteBuffer.wrap(new byte[] {9}));
    assertEquals(9, net.readFully(pair[0], 1).get(0));
  }

  @Test
  void peerResetIsReported() throws IOException {
    SocketHandle[] pair = net.pair();
    PollKey key = poller.register(pair[1], Poller.READ, null);
    pair[0].setOption(StandardSocketOptions.SO_LINGER, 0);
    pair[0].close(); // linger 0: RST
    int ready = Connections.pollUntil(poller, key, Poller.READ);
    assertTrue((ready & (Poller.READ | Poller.ERROR)) != 0);
    try {
      int r = pair[1].read(ByteBuffer.allocateDirect(8));
      assertEquals(-1, r, "a reset reads as an error or, at worst, end of stream");
    } catch (IOException expected) {
      // "Connection reset by peer"
    }
  }

  @Test
  void errorOnARegistrationWithoutInterest() throws IOException {
    SocketHandle[] pair = net.pair();
    PollKey key = poller.register(pair[1], 0, null);
    pair[0].setOption(StandardSocketOptions.SO_LINGER, 0);
    pair[0].close(); // RST
    if (reportsErrorWithoutInterest()) {
      int ready = Connections.pollUntil(poller, key, Poller.ERROR);
      assertTrue((ready & Poller.ERROR) != 0, "ERROR reported although not asked for");
      return;
    }
    // The backend declares it cannot see errors without interest: then it must report nothing
    // (not spin), and the reset must show as soon as READ is asked for.
    assertEquals(0, poller.poll(0, events), "nothing reported for an empty interest");
    poller.modify(key, Poller.READ);
    int ready = Connections.pollUntil(poller, key, Poller.READ);
    assertTrue((ready & (Poller.READ | Poller.ERROR)) != 0);
    try {
      assertEquals(-1, pair[1].read(ByteBuffer.allocateDirect(8)));
    } catch (IOException expected) {
      // "Connection reset by peer"
    }
  }

  // ---------------------------------------------------------------------------------- close

  @Test
  void closeIsIdempotentAndInvalidatesKeys() throws IOException {
    SocketHandle[] pair = net.pair();
    PollKey key = poller.register(pair[0], Poller.WRITE, null);
    poller.close();
    assertFalse(key.isValid());
    poller.close();
    poller.wakeup(); // harmless once closed
    assertThrows(IllegalStateException.class, () -> poller.poll(0, events));
    assertThrows(IllegalStateException.class, () -> poller.register(pair[1], Poller.READ, null));
    assertTrue(pair[0].isOpen(), "closing a poller does not close its handles");
  }

  @Test
  void registeringAClosedHandleFails() throws IOException {
    SocketHandle[] pair = net.pair();
    pair[0].close();
    assertThrows(IllegalStateException.class, () -> poller.register(pair[0], Poller.READ, null));
  }

  /** Spins (bounded) until {@code t} is inside a native call under {@code pollerClass.poll}. */
  private static void awaitBlockedInPoll(Thread t, Class<?> pollerClass) {
    long deadline = System.nanoTime() + 10 * SECOND;
    while (System.nanoTime() - deadline < 0) {
      StackTraceElement[] stack = t.getStackTrace();
      if (stack.length > 0 && stack[0].isNativeMethod()) {
        for (StackTraceElement e : stack) {
          if (e.getClassName().equals(pollerClass.getName()) && e.getMethodName().equals("poll")) {
            return;
          }
        }
      }
      Thread.onSpinWait();
    }
    fail("the polling thread never blocked in " + pollerClass.getName() + ".poll");
  }
}
