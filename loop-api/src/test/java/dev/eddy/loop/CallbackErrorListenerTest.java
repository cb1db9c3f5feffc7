package dev.eddy.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.loop.testing.FakeHandle;
import dev.eddy.loop.testing.FakePollerProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The hooks test support builds on: the callback error listener and the list of handles. */
class CallbackErrorListenerTest {

  private final IOLoop loop = IOLoop.create(new FakePollerProvider());

  @AfterEach
  void close() {
    loop.close(true);
  }

  @Test
  void theListenerHearsOfFailingCallbacksAndTimersAndTheLoopGoesOn() {
    List<Throwable> heard = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    loop.setCallbackErrorListener((l, task, error) -> {
      assertSame(loop, l);
      heard.add(error);
      threads.add(Thread.currentThread());
    });
    IllegalStateException first = new IllegalStateException("callback");
    IllegalStateException second = new IllegalStateException("timer");
    String result = loop.runSync(() -> {
      CompletableFuture<String> done = new CompletableFuture<>();
      loop.addCallback(() -> {
        throw first;
      });
      loop.callLater(Duration.ZERO, () -> {
        throw second;
      });
      loop.callLater(Duration.ofMillis(1), () -> done.complete("went on"));
      return done;
    }, Duration.ofSeconds(5));
    assertEquals("went on", result);
    assertEquals(List.of(first, second), heard);
    assertEquals(List.of(Thread.currentThread(), Thread.currentThread()), threads);
  }

  @Test
  void aFailingListenerIsIgnoredAndNullRemovesIt() {
    int[] calls = new int[1];
    loop.setCallbackErrorListener((l, task, error) -> {
      calls[0]++;
      throw new IllegalArgumentException("listener");
    });
    Runnable boom = () -> {
      throw new IllegalStateException("boom");
    };
    assertEquals("ok", loop.runSync(() -> {
      loop.addCallback(boom);
      CompletableFuture<String> done = new CompletableFuture<>();
      loop.callLater(Duration.ofMillis(1), () -> done.complete("ok"));
      return done;
    }, Duration.ofSeconds(5)));
    assertEquals(1, calls[0]);
    loop.setCallbackErrorListener(null);
    loop.runSync(() -> {
      loop.addCallback(boom);
      CompletableFuture<Void> done = new CompletableFuture<>();
      loop.callLater(Duration.ofMillis(1), () -> done.complete(null));
      return done;
    }, Duration.ofSeconds(5));
    assertEquals(1, calls[0], "removed");
  }

  @Test
  void handlesListsTheRegisteredHandles() {
    FakeHandle a = new FakeHandle("a");
    FakeHandle b = new FakeHandle("b");
    assertTrue(loop.handles().isEmpty());
    loop.addHandler(a, IOLoop.READ, (h, events) -> { });
    loop.addHandler(b, IOLoop.READ, (h, events) -> { });
    assertEquals(2, loop.handles().size());
    assertTrue(loop.handles().containsAll(List.of(a, b)));
    loop.removeHandler(a);
    assertEquals(List.of(b), loop.handles());
  }
}
