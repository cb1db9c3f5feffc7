package dev.eddy.loop.kqueue;

import static dev.eddy.loop.spi.Poller.ERROR;
import static dev.eddy.loop.spi.Poller.READ;
import static dev.eddy.loop.spi.Poller.WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.loop.kqueue.FakeKqueue.Change;
import dev.eddy.loop.spi.NotRegisteredException;
import dev.eddy.loop.spi.PollEvents;
import dev.eddy.loop.spi.PollKey;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** KqueuePoller against {@link FakeKqueue}: the changes it makes and the events it reports. */
class KqueuePollerTest {

  private static final short R = Kevent.EVFILT_READ;
  private static final short W = Kevent.EVFILT_WRITE;
  private static final int ADD = Kevent.EV_ADD | Kevent.EV_RECEIPT;
  private static final int DEL = Kevent.EV_DELETE | Kevent.EV_RECEIPT;

  private final FakeKqueue fake = new FakeKqueue(KeventAbi.FREEBSD);
  private final PollEvents events = new PollEvents(8);
  private KqueuePoller poller;

  @BeforeEach
  void open() throws IOException {
    poller = new KqueuePoller(fake, KeventAbi.FREEBSD);
    assertEquals(List.of(new Change(0, (short) -11, ADD | Kevent.EV_CLEAR, 0,
        KqueuePoller.WAKER_TOKEN)), fake.takeChanges());
  }

  @AfterEach
  void close() {
    poller.close();
  }

  @Test
  void registerModifyUnregisterAddAndDeleteFilters() throws IOException {
    KqueueFd fd = new KqueueFd(7);
    KqueueKey key = (KqueueKey) poller.register(fd, READ, "a");
    long token = key.token();
    assertEquals(List.of(new Change(7, R, ADD, 0, token)), fake.takeChanges());
    poller.modify(key, WRITE);
    assertEquals(List.of(new Change(7, R, DEL, 0, 0), new Change(7, W, ADD, 0, token)),
        fake.takeChanges());
    poller.modify(key, READ | WRITE);
    assertEquals(List.of(new Change(7, R, ADD, 0, token)), fake.takeChanges());
    poller.modify(key, 0);
    assertEquals(List.of(new Change(7, R, DEL, 0, 0), new Change(7, W, DEL, 0, 0)),
        fake.takeChanges());
    poller.unregister(key);
    assertEquals(List.of(new Change(7, R, DEL, 0, 0), new Change(7, W, DEL, 0, 0)),
        fake.takeChanges(), "both filters deleted; ENOENT ignored");
    assertFalse(key.isValid());
    poller.unregister(key);
    assertEquals(List.of(), fake.takeChanges(), "idempotent");
    assertThrows(NotRegisteredException.class, () -> poller.modify(key, READ));
  }

  @Test
  void unchangedInterestMakesNoCall() throws IOException {
    PollKey key = poller.register(new KqueueFd(7), READ | WRITE, null);
    int calls = fake.keventCalls();
    poller.modify(key, READ | WRITE);
    assertEquals(calls, fake.keventCalls());
  }

  @Test
  void enoentOnDeleteIsIgnored() throws IOException {
    PollKey key = poller.register(new KqueueFd(7), READ | WRITE, null);
    fake.failNext(7, W, Kevent.ENOENT);
    poller.modify(key, READ);
    assertEquals(READ, key.interest());
  }

  @Test
  void anErrorReceiptBecomesAnIoExceptionAndRollsBack() {
    fake.failNext(7, W, 22);
    KqueueFd fd = new KqueueFd(7);
    IOException e = assertThrows(IOException.class, () -> poller.register(fd, READ | WRITE, null));
    assertEquals("kevent(..) failed: Invalid argument (EINVAL)", e.getMessage());
    assertFalse(fake.registered(7, R), "the read filter that went in is deleted again");
  }

  @Test
  void anErrorReceiptOnModifyKeepsTheInterest() throws IOException {
    PollKey key = poller.register(new KqueueFd(7), READ, null);
    fake.failNext(7, W, 12);
    IOException e = assertThrows(IOException.class, () -> poller.modify(key, READ | WRITE));
    assertTrue(e.getMessage().contains("kevent") && e.getMessage().contains("ENOMEM"),
        e.getMessage());
    assertEquals(READ, key.interest());
  }

  @Test
  void readAndWriteOfOneFdMergeIntoOneEntry() throws IOException {
    PollKey key = poller.register(new KqueueFd(7), READ | WRITE, "a");
    PollKey other = poller.register(new KqueueFd(8), READ, "b");
    fake.ready(7, R, 0, 0);
    fake.ready(7, W, 0, 0);
    fake.ready(8, R, 0, 0);
    assertEquals(2, poller.poll(0, events));
    assertSame(key, events.key(0));
    assertEquals(READ | WRITE, events.events(0));
    assertSame(other, events.key(1));
    assertEquals(READ, events.events(1));
  }

  @Test
  void eofOnReadIsRead() throws IOException {
    poller.register(new KqueueFd(7), READ, null);
    fake.ready(7, R, Kevent.EV_EOF, 0);
    assertEquals(1, poller.poll(0, events));
    assertEquals(READ, events.events(0));
  }

  @Test
  void eofOnWriteWithASocketErrorIsError() throws IOException {
    poller.register(new KqueueFd(7), WRITE, null);
    fake.ready(7, W, Kevent.EV_EOF, 61); // ECONNREFUSED on BSD
    assertEquals(1, poller.poll(0, events));
    assertEquals(WRITE | ERROR, events.events(0));
  }

  @Test
  void eofOnWriteWithoutAnErrorIsWrite() throws IOException {
    poller.register(new KqueueFd(7), WRITE, null);
    fake.ready(7, W, Kevent.EV_EOF, 0);
    assertEquals(1, poller.poll(0, events));
    assertEquals(WRITE, events.events(0));
  }

  @Test
  void staleGenerationsAreDropped() throws IOException {
    KqueueKey old = (KqueueKey) poller.register(new KqueueFd(7), READ, null);
    long oldToken = old.token();
    poller.unregister(old);
    KqueueKey reused = (KqueueKey) poller.register(new KqueueFd(9), READ, null);
    assertEquals(old.slot(), reused.slot(), "the slot is taken again");
    fake.takeChanges();
    // a filter the kernel still holds under the old registration's udata
    ByteBuffer b = ByteBuffer.allocateDirect(KeventAbi.FREEBSD.size())
        .order(ByteOrder.nativeOrder());
    KeventAbi.FREEBSD.put(b, 0, 11, R, ADD, 0, 0, oldToken);
    fake.kevent(FakeKqueue.KQ, b, 1, b, 1, 0);
    fake.ready(11, R, 0, 0);
    assertEquals(0, poller.poll(0, events), "udata of a freed generation is dropped");
    fake.ready(9, R, 0, 0);
    assertEquals(1, poller.poll(0, events));
    assertSame(reused, events.key(0), "the slot's new generation is reported");
  }

  @Test
  void aWakeupBeforeThePollIsNotLost() throws IOException {
    poller.wakeup();
    assertEquals(0, poller.poll(-1, events));
  }

  @Test
  void anInterruptedWaitIsRestarted() throws IOException {
    poller.register(new KqueueFd(7), READ, null);
    fake.ready(7, R, 0, 0);
    fake.failNextWait(Kevent.EINTR);
    assertEquals(1, poller.poll(-1, events));
  }

  @Test
  void aFailedWaitIsAnIoException() {
    fake.failNextWait(Kevent.EBADF);
    IOException e = assertThrows(IOException.class, () -> poller.poll(0, events));
    assertEquals("kevent(..) failed: Bad file descriptor (EBADF)", e.getMessage());
  }

  @Test
  void timeoutReturnsEmpty() throws IOException {
    assertEquals(0, poller.poll(1_000_000, events));
  }

  @Test
  void wakeupFromAnotherThreadEndsABlockedPoll() {
    assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
      CompletableFuture<Integer> polled = CompletableFuture.supplyAsync(() -> {
        try {
          return poller.poll(-1, new PollEvents(4));
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
      });
      fake.awaitWaiter(); // the poll is blocked in kevent now
      poller.wakeup();
      assertEquals(0, polled.get());
    });
  }

  @Test
  void wakeupsCoalesceUntilThePollSeesThem() throws IOException {
    int calls = fake.keventCalls();
    poller.wakeup();
    poller.wakeup();
    poller.wakeup();
    assertEquals(calls + 1, fake.keventCalls(), "one trigger for three wake-ups");
    assertTrue(fake.userTriggered());
    assertEquals(0, poller.poll(-1, events), "returns at once, reporting nothing");
    poller.wakeup();
    assertEquals(calls + 3, fake.keventCalls(), "triggers again after the poll");
  }

  @Test
  void closeIsIdempotentAndPollAfterCloseThrows() throws IOException {
    PollKey key = poller.register(new KqueueFd(7), READ, null);
    poller.close();
    poller.close();
    assertEquals(1, fake.closeCalls());
    assertFalse(key.isValid());
    assertThrows(IllegalStateException.class, () -> poller.poll(0, events));
    assertThrows(IllegalStateException.class,
        () -> poller.register(new KqueueFd(8), READ, null));
    int calls = fake.keventCalls();
    poller.wakeup();
    poller.unregister(key);
    assertEquals(calls, fake.keventCalls(), "no kevent after close");
  }

  @ParameterizedTest
  @EnumSource(KeventAbi.class)
  void everyAbiUsesItsOwnUserFilter(KeventAbi abi) throws IOException {
    FakeKqueue f = new FakeKqueue(abi);
    KqueuePoller p = new KqueuePoller(f, abi);
    try {
      assertTrue(f.registered(0, abi.evfiltUser()));
      p.register(new KqueueFd(5), READ, null);
      f.ready(5, R, 0, 0);
      p.wakeup();
      assertEquals(1, p.poll(-1, events));
      assertEquals(READ, events.events(0));
    } finally {
      p.close();
    }
  }
}
