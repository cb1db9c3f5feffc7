package dev.eddy.benchmarks.scaling;

import dev.eddy.loop.spi.PollEvents;
import dev.eddy.loop.spi.PollKey;
import dev.eddy.loop.spi.Poller;
import java.io.IOException;

/**
 * The cost of one {@code poll(0)} that returns the one ready event: the active socket has one
 * unread byte, so (level-triggered) it is reported by every poll, and every idle registration is
 * not. Each call is timed on its own with {@link System#nanoTime()}, whose own cost (a few tens of
 * nanoseconds) is included in every sample.
 */
final class ReadyPoll {

  private ReadyPoll() {}

  /**
   * Polls until the budget is spent.
   *
   * @param poller the poller, with the idle registrations and the active one
   * @param active the key of the active registration; the byte must already be waiting on it
   * @return the distribution of the time per poll, in nanoseconds
   * @throws IllegalStateException if a poll returns anything but the one ready event
   * @throws IOException if a poll fails
   */
  static Stats measure(Poller poller, PollKey active, Settings.Budget budget) throws IOException {
    PollEvents events = new PollEvents(64);
    long[] samples = new long[budget.maxSamples()];
    int kept = 0;
    long start = System.nanoTime();
    long measureFrom = start + budget.warmupNanos();
    long end = measureFrom + budget.measureNanos();
    while (true) {
      long t0 = System.nanoTime();
      int n = poller.poll(0, events);
      long t1 = System.nanoTime();
      if (n != 1 || events.key(0) != active || (events.events(0) & Poller.READ) == 0) {
        throw new IllegalStateException("expected the one READ event of the active socket, got "
            + n + " event(s)" + (n > 0 ? ", first on " + events.key(0).handle() : ""));
      }
      if (t0 >= measureFrom) {
        samples[kept++] = t1 - t0;
        if (kept == samples.length || t1 >= end) {
          return Stats.of(samples, kept);
        }
      }
    }
  }
}
