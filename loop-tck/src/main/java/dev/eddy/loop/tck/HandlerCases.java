package dev.eddy.loop.tck;

import static dev.eddy.loop.tck.LoopFixture.drain;
import static dev.eddy.loop.tck.LoopFixture.writeByte;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.eddy.loop.IOLoop;
import dev.eddy.loop.spi.AlreadyRegisteredException;
import dev.eddy.loop.spi.NotRegisteredException;
import dev.eddy.loop.spi.PollHandle;
import dev.eddy.loop.spi.SocketHandle;
import dev.eddy.loop.spi.StreamHandle;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Handlers: registration errors, the handle and events a handler is given, {@link
 * IOLoop#updateHandler}, handlers removed or replaced by another handler of the same batch, and
 * which handles {@link IOLoop#close(boolean)} closes.
 */
interface HandlerCases extends LoopFixture {

  /** How a test gets a readable stream and its writer. */
  enum PairKind { PIPES, SOCKETS }

  @ParameterizedTest
  @EnumSource(PairKind.class)
  @Timeout(30)
  default void handlerRemovedByAnotherHandlerOfTheSameBatchIsNotCalled(PairKind kind)
      throws IOException {
    StreamHandle[] a = streams(kind);
    StreamHandle[] b = streams(kind);
    writeByte(a[1]);
    writeByte(b[1]); // both readable before the first poll: one batch reports both
    List<String> ran = new ArrayList<>();
    loop().addHandler(a[0], IOLoop.READ, guardedHandler((h, events) -> {
      ran.add("a");
      drain(a[0]);
      loop().removeHandler(b[0]);
      loop().addCallback(loop()::stop);
    }));
    loop().addHandler(b[0], IOLoop.READ, guardedHandler((h, events) -> {
      ran.add("b");
      drain(b[0]);
      loop().removeHandler(a[0]);
      loop().addCallback(loop()::stop);
    }));
    runLoop();
    assertEquals(1, ran.size(), () -> "handlers called: " + ran);
  }

  @ParameterizedTest
  @EnumSource(PairKind.class)
  @Timeout(30)
  default void handlerReplacedDuringTheBatchDoesNotGetTheStaleEvent(PairKind kind)
      throws IOException {
    StreamHandle[][] pairs = {streams(kind), streams(kind)};
    String[] names = {"a", "b"};
    writeByte(pairs[0][1]);
    writeByte(pairs[1][1]);
    List<String> ran = new ArrayList<>();
    int[] originalCalls = {0, 0};
    boolean[] batchOver = {false};
    boolean[] staleDelivered = {false};
    for (int i = 0; i < 2; i++) {
      int me = i;
      int other = 1 - i;
      StreamHandle mine = pairs[me][0];
      StreamHandle theirs = pairs[other][0];
      loop().addHandler(mine, IOLoop.READ, guardedHandler((h, events) -> {
        originalCalls[me]++;
        if (!ran.isEmpty()) {
          return; // only the first handler called acts
        }
        drain(mine);
        ran.add(names[me]);
        loop().removeHandler(theirs);
        loop().addHandler(theirs, IOLoop.READ, guardedHandler((h2, events2) -> {
          if (!batchOver[0]) {
            staleDelivered[0] = true;
          }
          ran.add(names[other] + " replaced");
          drain(theirs);
          loop().stop();
        }));
        // Callbacks run before the next poll: this marks the end of the current batch.
        loop().addCallback(() -> batchOver[0] = true);
      }));
    }
    runLoop();
    assertFalse(staleDelivered[0],
        "the replacement handler got the event polled for the old registration");
    assertEquals(2, ran.size(), ran::toString);
    int first = ran.get(0).equals("a") ? 0 : 1;
    assertEquals(names[1 - first] + " replaced", ran.get(1));
    assertEquals(0, originalCalls[1 - first], "the replaced handler was called");
  }

  @Test
  @Timeout(30)
  default void addingAHandleTwiceThrowsAndKeepsTheFirstHandler() throws IOException {
    StreamHandle[] pipe = streamPair();
    List<String> calls = new ArrayList<>();
    loop().addHandler(pipe[0], IOLoop.READ, (h, events) -> {
      calls.add("first");
      drain(pipe[0]);
      loop().stop();
    });
    AlreadyRegisteredException e = assertThrows(AlreadyRegisteredException.class,
        () -> loop().addHandler(pipe[0], IOLoop.READ, (h, events) -> calls.add("second")));
    assertTrue(e.getMessage().startsWith("already registered"), e::getMessage);
    writeByte(pipe[1]);
    runLoop();
    assertEquals(List.of("first"), calls);
  }

  @Test
  @Timeout(30)
  default void updatingAHandleWithoutHandlerThrows() throws IOException {
    StreamHandle[] pipe = streamPair();
    NotRegisteredException e = assertThrows(NotRegisteredException.class,
        () -> loop().updateHandler(pipe[0], IOLoop.READ));
    assertTrue(e.getMessage().startsWith("not registered"), e::getMessage);
    loop().addHandler(pipe[0], IOLoop.READ, (h, events) -> { });
    loop().removeHandler(pipe[0]);
    assertThrows(NotRegisteredException.class, () -> loop().updateHandler(pipe[0], IOLoop.READ));
  }

  @Test
  @Timeout(30)
  default void removingAHandleWithoutHandlerDoesNothing() throws IOException {
    StreamHandle[] pipe = streamPair();
    loop().removeHandler(pipe[0]);
    loop().addHandler(pipe[0], IOLoop.READ, (h, events) -> { });
    loop().removeHandler(pipe[0]);
    loop().removeHandler(pipe[0]);
    boolean[] called = {false};
    loop().addHandler(pipe[0], IOLoop.READ, (h, events) -> {
      called[0] = true;
      drain(pipe[0]);
      loop().stop();
    });
    writeByte(pipe[1]);
    runLoop();
    assertTrue(called[0], "a handle can be added again after it was removed");
  }

  @Test
  @Timeout(30)
  default void eventsOtherThanReadWriteAndErrorAreRejected() throws IOException {
    StreamHandle[] pipe = streamPair();
    assertThrows(IllegalArgumentException.class,
        () -> loop().addHandler(pipe[0], 0x2, (h, events) -> { }));
    assertThrows(IllegalArgumentException.class,
        () -> loop().addHandler(pipe[0], 0x100, (h, events) -> { }));
    // A rejected registration left nothing behind; ERROR bits are accepted (and implied).
    loop().addHandler(pipe[0], IOLoop.READ | IOLoop.ERROR, (h, events) -> { });
    assertThrows(IllegalArgumentException.class, () -> loop().updateHandler(pipe[0], 0x2));
    loop().updateHandler(pipe[0], IOLoop.ERROR);
  }

  @Test
  @Timeout(30)
  default void handlerGetsItsOwnHandleAndOnlyTheEventsAskedFor() throws IOException {
    // Tornado's test_read_while_writeable: a socket is writable all along, but asked for READ
    // only it reports READ only.
    SocketHandle[] pair = net().pair();
    SocketHandle client = pair[0];
    SocketHandle server = pair[1];
    List<PollHandle> handles = new ArrayList<>();
    int[] seen = {0};
    loop().addHandler(client, IOLoop.READ, guardedHandler((h, events) -> {
      handles.add(h);
      seen[0] |= events;
      if (drain(client) > 0) {
        loop().stop();
      }
    }));
    loop().callLater(Duration.ofMillis(10), guarded(() -> writeByte(server)));
    runLoop();
    assertFalse(handles.isEmpty());
    for (PollHandle h : handles) {
      assertSame(client, h, "the handler was given another handle than the registered one");
    }
    assertEquals(IOLoop.READ, seen[0], () -> "events reported: 0x" + Integer.toHexString(seen[0]));
  }

  @Test
  @Timeout(30)
  default void updateHandlerChangesTheEventsReported() throws IOException {
    SocketHandle client = net().pair()[0];
    boolean[] updated = {false};
    int[] before = {0};
    int[] after = {0};
    loop().addHandler(client, IOLoop.READ, guardedHandler((h, events) -> {
      if (!updated[0]) {
        before[0] |= events;
        return;
      }
      after[0] |= events;
      if ((events & IOLoop.WRITE) != 0) {
        loop().updateHandler(client, IOLoop.READ);
        loop().stop();
      }
    }));
    loop().callLater(Duration.ofMillis(20), guarded(() -> {
      updated[0] = true;
      loop().updateHandler(client, IOLoop.READ | IOLoop.WRITE);
    }));
    runLoop();
    assertEquals(0, before[0] & IOLoop.WRITE, "WRITE reported before it was asked for");
    assertTrue((after[0] & IOLoop.WRITE) != 0, "WRITE not reported after it was asked for");
  }

  @ParameterizedTest(name = "closeHandles: {0}")
  @ValueSource(booleans = {true, false})
  @Timeout(30)
  default void closeClosesTheRegisteredHandlesOnlyWhenAsked(boolean closeHandles)
      throws IOException {
    StreamHandle[] registered = streamPair();
    StreamHandle[] removed = streamPair();
    loop().runSync(() -> {
      loop().addHandler(registered[0], IOLoop.READ, (h, events) -> { });
      loop().addHandler(removed[0], IOLoop.READ, (h, events) -> { });
      loop().removeHandler(removed[0]);
      return null;
    }, WAIT);
    loop().close(closeHandles);
    assertEquals(!closeHandles, registered[0].isOpen());
    assertTrue(removed[0].isOpen(), "close closed a handle that had no handler");
    assertTrue(registered[1].isOpen(), "close closed a handle that was never registered");
  }

  private StreamHandle[] streams(PairKind kind) throws IOException {
    if (kind == PairKind.SOCKETS) {
      return sockets();
    }
    try {
      return pipe();
    } catch (UnsupportedOperationException noPipes) {
      assumeTrue(false, "backend " + backend().name() + " has no pipes here");
      throw noPipes;
    }
  }
}
