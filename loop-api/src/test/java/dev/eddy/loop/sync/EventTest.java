package dev.eddy.loop.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class EventTest extends LoopTestSupport {

  @Test
  void setWakesWaitersAndClearMakesThemWaitAgain() {
    onLoop(() -> {
      Event e = new Event();
      CompletableFuture<Void> f0 = e.await();
      e.set();
      CompletableFuture<Void> f1 = e.await();
      e.clear();
      CompletableFuture<Void> f2 = e.await();
      assertDone(null, f0);
      assertDone(null, f1);
      assertFalse(f2.isDone());
      assertFalse(e.isSet());
    });
  }

  @Test
  void awaitTimesOutAndTheEventStillWorksAfterwards() {
    Event e = new Event();
    CompletableFuture<Void> timedOut = await(() -> settled(e.await(SHORT)));
    assertTimedOut(timedOut, "Event.await");
    assertEquals(0, e.waiterCount());
    await(() -> {
      loop.callLater(SHORT, e::set);
      return e.await(Duration.ofSeconds(1));
    });
    assertTrue(e.isSet());
  }

  @Test
  void settingTwiceIsHarmless() {
    Event e = new Event();
    e.set();
    e.set();
    assertTrue(e.isSet());
  }

  @Test
  void waitersFromBeforeAClearAreWokenByTheNextSet() {
    onLoop(() -> {
      Event e = new Event();
      CompletableFuture<Void> f0 = e.await();
      e.clear();
      CompletableFuture<Void> f1 = e.await();
      e.set();
      assertDone(null, f0);
      assertDone(null, f1);
      assertEquals(0, e.waiterCount());
    });
  }

  @Test
  void cancellingOneWaiterLeavesTheOthersWaiting() {
    onLoop(() -> {
      Event e = new Event();
      CompletableFuture<Void> f0 = e.await();
      CompletableFuture<Void> f1 = e.await(Duration.ofSeconds(30));
      assertTrue(f0.cancel(false));
      assertEquals(1, e.waiterCount());
      e.set();
      assertTrue(f0.isCancelled());
      assertDone(null, f1);
    });
  }

  @Test
  void waitersAreWokenOldestFirstAndOneThatClearsDoesNotStopTheOthers() {
    List<String> history = new ArrayList<>();
    onLoop(() -> {
      Event e = new Event();
      CompletableFuture<Void> rewait = new CompletableFuture<>();
      e.await().thenRun(() -> {
        history.add("first");
        e.clear();
        e.await().whenComplete((v, t) -> rewait.complete(null));
      });
      e.await().thenRun(() -> history.add("second"));
      e.set();
      assertFalse(e.isSet(), "cleared by the first waiter");
      assertFalse(rewait.isDone(), "a wait begun after the clear waits for the next set");
      e.set();
      assertTrue(rewait.isDone());
    });
    assertEquals(List.of("first", "second"), history);
  }

  @Test
  void aZeroTimeoutIsAnImmediateCheck() {
    Event e = new Event();
    assertTimedOut(e.await(Duration.ZERO), "Event.await");
    assertEquals(0, e.waiterCount());
    e.set();
    assertDone(null, e.await(Duration.ZERO));
  }

  @Test
  void aTimeoutThatMustWaitNeedsARunningLoop() {
    Event e = new Event();
    assertThrows(IllegalStateException.class, () -> e.await(SHORT));
    assertEquals(0, e.waiterCount());
    e.set();
    assertDone(null, e.await(SHORT));
  }

  @Test
  void toStringShowsTheFlag() {
    Event e = new Event();
    assertEquals("Event[clear]", e.toString());
    e.await();
    assertEquals("Event[clear, waiters[1]]", e.toString());
    e.set();
    assertEquals("Event[set]", e.toString());
  }
}
