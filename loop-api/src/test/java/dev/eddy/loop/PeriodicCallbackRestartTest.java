package dev.eddy.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.eddy.loop.testing.FakePollerProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** An async PeriodicCallback stopped and started again never overlaps its own runs. */
@Timeout(30)
class PeriodicCallbackRestartTest {

  private final IOLoop loop = IOLoop.create(new FakePollerProvider());

  @AfterEach
  void close() {
    loop.close(true);
  }

  @Test
  void aCompletionFromBeforeTheRestartDoesNotScheduleARun() {
    List<CompletableFuture<Void>> stages = new ArrayList<>();
    PeriodicCallback pc = PeriodicCallback.ofAsync(() -> {
      CompletableFuture<Void> stage = new CompletableFuture<>();
      stages.add(stage);
      return stage;
    }, Duration.ofMillis(5), 0);
    loop.runSync(() -> {
      CompletableFuture<Void> done = new CompletableFuture<>();
      boolean[] restarted = {false};
      pc.start(loop);
      // Wait (on the loop) until the first run is pending, restart, and wait for the second.
      PeriodicCallback watcher = new PeriodicCallback(() -> {
        if (stages.size() == 1 && !restarted[0]) {
          restarted[0] = true;
          pc.stop();
          pc.start(loop);
          pc.stop(); // stop/start twice: two generations later
          pc.start(loop);
        } else if (stages.size() == 2 && !done.isDone()) {
          stages.get(0).complete(null); // the first run ends while the second is pending
          // Ten periods: with the bug the old completion schedules a third run at once.
          loop.callLater(Duration.ofMillis(50), () -> done.complete(null));
        }
      }, Duration.ofMillis(1));
      watcher.start(loop);
      return done.whenComplete((r, e) -> {
        watcher.stop();
        pc.stop();
      });
    }, Duration.ofSeconds(10));
    assertEquals(2, stages.size(), "a run started while the second was still pending");
  }
}
