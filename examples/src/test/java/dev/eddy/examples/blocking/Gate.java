package dev.eddy.examples.blocking;

import dev.eddy.loop.IOLoop;
import dev.eddy.web.RequestHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A backend delay for tests: holds every request until {@code width} are waiting at once (then
 * answers them all), or until {@link #release} is called. Records the most requests it ever held
 * at once, which is how many the front loop had in flight.
 */
final class Gate implements SlowTime.Delay {

  private final int width;
  private final List<CompletableFuture<Void>> waiting = new ArrayList<>();   // backend loop only
  private final AtomicInteger maxHeld = new AtomicInteger();
  private volatile IOLoop loop;

  Gate(int width) {
    this.width = width;
  }

  @Override
  public CompletionStage<Void> before(RequestHandler request) {
    loop = IOLoop.current();
    CompletableFuture<Void> go = new CompletableFuture<>();
    waiting.add(go);
    maxHeld.accumulateAndGet(waiting.size(), Math::max);
    if (waiting.size() >= width) {
      releaseAll();
    }
    return go;
  }

  /** Answers every held request; thread-safe. */
  void release() {
    IOLoop l = loop;
    if (l != null) {
      l.addCallback(this::releaseAll);
    }
  }

  private void releaseAll() {
    List<CompletableFuture<Void>> go = new ArrayList<>(waiting);
    waiting.clear();
    go.forEach(f -> f.complete(null));
  }

  int maxHeld() {
    return maxHeld.get();
  }
}
