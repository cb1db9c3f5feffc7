package dev.eddy.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.loop.testing.FakePollerProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link IOLoop#addFlush}: tasks that wait for the loop to fall idle, with a bound. */
@Timeout(30)
class FlushTest {

  private final IOLoop loop = IOLoop.create(new FakePollerProvider());

  @AfterEach
  void close() {
    loop.close(true);
  }

  @Test
  void aFlushRunsAfterTheCallbacksQueuedBeforeTheLoopWaits() {
    List<String> order = loop.runSync(() -> {
      List<String> seen = new ArrayList<>();
      CompletableFuture<List<String>> done = new CompletableFuture<>();
      loop.addFlush(() -> {
        seen.add("flush");
        done.complete(seen);
      });
      loop.addCallback(() -> {
        seen.add("callback");
        loop.addCallback(() -> seen.add("queued by the callback"));
      });
      seen.add("caller");
      return done;
    }, Duration.ofSeconds(10));
    assertEquals(List.of("caller", "callback", "queued by the callback", "flush"), order);
  }

  @Test
  void aBusyLoopStillFlushesWithinSixteenIterations() {
    int[] iterations = {0};
    int ranAt = loop.runSync(() -> {
      CompletableFuture<Integer> done = new CompletableFuture<>();
      int[] flushedAt = {-1};
      Runnable[] spin = new Runnable[1];
      spin[0] = () -> {
        iterations[0]++;
        if (iterations[0] < 100) {
          loop.addCallback(spin[0]); // one callback per iteration: the loop never waits
        } else {
          done.complete(flushedAt[0]);
        }
      };
      loop.addFlush(() -> flushedAt[0] = iterations[0]);
      loop.addCallback(spin[0]);
      return done;
    }, Duration.ofSeconds(10));
    assertTrue(ranAt >= 1 && ranAt <= 16, "flushed after " + ranAt + " busy iterations");
    assertEquals(100, iterations[0], "the callbacks went on around it");
  }

  @Test
  void flushesRunInOrderAFailingOneIsReportedAndTheRestRun() {
    List<Throwable> heard = new ArrayList<>();
    loop.setCallbackErrorListener((l, task, error) -> heard.add(error));
    IllegalStateException boom = new IllegalStateException("flush failed");
    List<String> order = loop.runSync(() -> {
      List<String> seen = new ArrayList<>();
      CompletableFuture<List<String>> done = new CompletableFuture<>();
      loop.addFlush(() -> seen.add("first"));
      loop.addFlush(() -> {
        throw boom;
      });
      loop.addFlush(() -> {
        seen.add("third");
        loop.addFlush(() -> { // added by a flush: runs before the loop waits, too
          seen.add("added by the third");
          done.complete(seen);
        });
      });
      return done;
    }, Duration.ofSeconds(10));
    assertEquals(List.of("first", "third", "added by the third"), order);
    assertEquals(1, heard.size());
    assertSame(boom, heard.get(0));
  }

  @Test
  void whatWasAddedBeforeStopRunsWhenTheLoopStops() {
    boolean[] flushed = {false};
    loop.addCallback(() -> {
      loop.addFlush(() -> flushed[0] = true);
      loop.stop();
    });
    loop.start();
    assertTrue(flushed[0]);
  }

  @Test
  void addFlushOffTheLoopThreadIsRefused() throws Exception {
    AtomicReference<Throwable> refused = new AtomicReference<>();
    loop.runSync(() -> {
      CompletableFuture<Void> done = new CompletableFuture<>();
      Thread other = new Thread(() -> {
        try {
          loop.addFlush(() -> { });
        } catch (RuntimeException e) {
          refused.set(e);
        }
        loop.addCallback(() -> done.complete(null));
      });
      other.start();
      return done;
    }, Duration.ofSeconds(10));
    assertTrue(refused.get() instanceof IllegalStateException, String.valueOf(refused.get()));
    assertTrue(refused.get().getMessage().startsWith("addFlush must be called on the loop"),
        refused.get().getMessage());
    assertThrows(NullPointerException.class, () -> loop.addFlush(null));
    assertFalse(loop.isClosed());
  }
}
