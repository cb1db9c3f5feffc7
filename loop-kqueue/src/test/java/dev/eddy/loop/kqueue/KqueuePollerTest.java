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
import dev.eddy.loop.posix.jna.FdHandle;
import dev.eddy.loop.posix.jna.PosixErrno;
import dev.eddy.loop.posix.jna.PosixTransport;
import dev.eddy.loop.spi.LinuxErrno;
import dev.eddy.loop.spi.NotRegisteredException;
import dev.eddy.loop.spi.PollEvents;
import dev.eddy.loop.spi.PollKey;
import dev.eddy.loop.spi.StreamHandle;
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

  /** Real pipes, for the pipe waker. */
  private static final PosixTransport PIPES = PosixTransport.forHost(KqueueProvider.NAME);

  private final FakeKqueue fake = new FakeKqueue(KeventAbi.FREEBSD);
  private final PollEvents events = new PollEvents(8);
  private KqueuePoller poller;

  @BeforeEach
  void open() throws IOException {
    poller = new KqueuePoller(fake, KeventAbi.FREEBSD, PIPES, false);
    assertEquals(List.of(new Change(0, (short) -11, ADD | Kevent.EV_CLEAR, 0,
        KqueuePoller.WAKER_TOKEN)), fake.takeChanges());
  }

  @AfterEach
  void close() {
    poller.close();
  }

  @Test
  void registerModifyUnregisterAddAndDeleteFilters() throws IOException {
    TestFd fd = new TestFd(7);
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
    PollKey key = poller.register(new TestFd(7), READ | WRITE, null);
    int calls = fake.keventCalls();
    poller.modify(key, READ | WRITE);
    assertEquals(calls, fake.keventCalls());
  }

  @Test
  void enoentOnDeleteIsIgnored() throws IOException {
    PollKey key = poller.register(new TestFd(7), READ | WRITE, null);
    fake.failNext(7, W, LinuxErrno.ENOENT);
    poller.modify(key, READ);
    assertEquals(READ, key.interest());
  }

  @Test
  void anErrorReceiptBecomesAnIoExceptionAndRollsBack() {
    fake.failNext(7, W, 22);
    TestFd fd = new TestFd(7);
    IOException e = assertThrows(IOException.class, () -> poller.register(fd, READ | WRITE, null));
    assertEquals("kevent(..) failed: Invalid argument (EINVAL)", e.getMessage());
    assertFalse(fake.registered(7, R), "the read filter that went in is deleted again");
  }

  @Test
  void anErrorReceiptOnModifyKeepsTheInterest() throws IOException {
    PollKey key = poller.register(new TestFd(7), READ, null);
    fake.failNext(7, W, 12);
    IOException e = assertThrows(IOException.class, () -> poller.modify(key, READ | WRITE));
    assertTrue(e.getMessage().contains("kevent") && e.getMessage().contains("ENOMEM"),
        e.getMessage());
    assertEquals(READ, key.interest());
  }

  @Test
  void readAndWriteOfOneFdMergeIntoOneEntry() throws IOException {
    PollKey key = poller.register(new TestFd(7), READ | WRITE, "a");
    PollKey other = poller.register(new TestFd(8), READ, "b");
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
    poller.register(new TestFd(7), READ, null);
    fake.ready(7, R, Kevent.EV_EOF, 0);
    assertEquals(1, poller.poll(0, events));
    assertEquals(READ, events.events(0));
  }

  @Test
  void eofOnWriteWithASocketErrorIsErrorAndTheErrorIsHandedToTheHandle() throws IOException {
    TestFd fd = new TestFd(7);
    poller.register(fd, WRITE, null);
    fake.ready(7, W, Kevent.EV_EOF, 61); // ECONNREFUSED on BSD
    assertEquals(1, poller.poll(0, events));
    assertEquals(WRITE | ERROR, events.events(0));
    assertEquals(PosixErrno.canonical(61), fd.reportedError(),
        "libkqueue has consumed SO_ERROR: finishConnect needs the error from the event");
  }

  @Test
  void handlesOfAnotherBackendOrKindAreRefused() {
    FdHandle epollHandle = new FdHandle("epoll-jna", 7) {
      @Override
      protected String kind() {
        return "socket";
      }
    };
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> poller.register(epollHandle, READ, null));
    assertTrue(e.getMessage().startsWith("the kqueue poller accepts only handles made by the "
        + "kqueue transport"), e.getMessage());
    assertEquals(List.of(), fake.takeChanges());
  }

  @Test
  void closingARegisteredHandleDeletesItsFiltersFirst() throws IOException {
    TestFd fd = new TestFd(7);
    PollKey key = poller.register(fd, READ | WRITE, null);
    fake.takeChanges();
    fd.close();
    assertFalse(key.isValid());
    assertEquals(List.of(new Change(7, R, DEL, 0, 0), new Change(7, W, DEL, 0, 0)),
        fake.takeChanges());
    assertEquals(null, fd.registration());
  }

  @Test
  void withoutEvfiltUserAPipeWakes() throws IOException {
    FakeKqueue f = new FakeKqueue(KeventAbi.FREEBSD);
    f.failNext(0, (short) -11, LinuxErrno.EINVAL); // an old kernel: no such filter
    KqueuePoller p = new KqueuePoller(f, KeventAbi.FREEBSD, PIPES, false);
    try {
      assertEquals("pipe", p.waker());
      List<Change> made = f.takeChanges();
      assertEquals(2, made.size(), made.toString());
      Change watch = made.get(1);
      assertEquals(R, watch.filter());
      assertEquals(KqueuePoller.WAKER_TOKEN, watch.udata());
      assertWakesThroughThePipe(f, p, (int) watch.ident());
    } finally {
      p.close();
    }
  }

  @Test
  void thePipeWakerCanBeChosen() throws IOException {
    FakeKqueue f = new FakeKqueue(KeventAbi.MACOS);
    KqueuePoller p = new KqueuePoller(f, KeventAbi.MACOS, PIPES, true);
    try {
      assertEquals("pipe", p.waker());
      List<Change> made = f.takeChanges();
      assertEquals(1, made.size(), "no EVFILT_USER is tried: " + made);
      assertWakesThroughThePipe(f, p, (int) made.get(0).ident());
    } finally {
      p.close();
    }
    assertEquals("EVFILT_USER", poller.waker());
  }

  @Test
  void eofOnWriteWithoutAnErrorIsWrite() throws IOException {
    poller.register(new TestFd(7), WRITE, null);
    fake.ready(7, W, Kevent.EV_EOF, 0);
    assertEquals(1, poller.poll(0, events));
    assertEquals(WRITE, events.events(0));
  }

  @Test
  void staleGenerationsAreDropped() throws IOException {
    KqueueKey old = (KqueueKey) poller.register(new TestFd(7), READ, null);
    long oldToken = old.token();
    poller.unregister(old);
    KqueueKey reused = (KqueueKey) poller.register(new TestFd(9), READ, null);
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
    poller.register(new TestFd(7), READ, null);
    fake.ready(7, R, 0, 0);
    fake.failNextWait(LinuxErrno.EINTR);
    assertEquals(1, poller.poll(-1, events));
  }

  @Test
  void aFailedWaitIsAnIoException() {
    fake.failNextWait(LinuxErrno.EBADF);
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
    PollKey key = poller.register(new TestFd(7), READ, null);
    poller.close();
    poller.close();
    assertEquals(1, fake.closeCalls());
    assertFalse(key.isValid());
    assertThrows(IllegalStateException.class, () -> poller.poll(0, events));
    assertThrows(IllegalStateException.class,
        () -> poller.register(new TestFd(8), READ, null));
    int calls = fake.keventCalls();
    poller.wakeup();
    poller.unregister(key);
    assertEquals(calls, fake.keventCalls(), "no kevent after close");
  }

  @ParameterizedTest
  @EnumSource(KeventAbi.class)
  void everyAbiUsesItsOwnUserFilter(KeventAbi abi) throws IOException {
    FakeKqueue f = new FakeKqueue(abi);
    KqueuePoller p = new KqueuePoller(f, abi, PIPES, false);
    try {
      assertTrue(f.registered(0, abi.evfiltUser()));
      p.register(new TestFd(5), READ, null);
      f.ready(5, R, 0, 0);
      p.wakeup();
      assertEquals(1, p.poll(-1, events));
      assertEquals(READ, events.events(0));
    } finally {
      p.close();
    }
  }

  /** wakeup() writes one byte however often it is called; the poll drains it and re-arms. */
  private static void assertWakesThroughThePipe(FakeKqueue f, KqueuePoller p, int pipeFd)
      throws IOException {
    PollEvents seen = new PollEvents(4);
    StreamHandle source = p.pipeWaker().source();
    p.wakeup();
    p.wakeup();
    assertEquals(1, bytesIn(source), "wake-ups coalesce into one byte");
    p.wakeup();
    assertEquals(0, bytesIn(source), "still pending: no second byte");
    f.ready(pipeFd, R, 0, 0); // the fake reports the pipe readable
    assertEquals(0, p.poll(0, seen), "the waker is not reported as an event");
    p.wakeup();
    assertEquals(0, p.poll(0, seen), "the poll drains the pipe");
    assertEquals(0, bytesIn(source), "drained");
    f.clearReady(pipeFd, R);
    p.wakeup();
    assertEquals(1, bytesIn(source), "the poll re-armed the waker");
  }

  /** Reads what is in the pipe now. */
  private static int bytesIn(StreamHandle source) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(16);
    int total = 0;
    int n;
    while ((n = source.read(b)) > 0) {
      total += n;
    }
    return total;
  }
}
