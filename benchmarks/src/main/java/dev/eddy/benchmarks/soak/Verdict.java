package dev.eddy.benchmarks.soak;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * Judges the samples of a soak run. The samples of the warm-up (the first fifth of the run, at
 * least 20 s: the JIT, the heap's sizing and the first connections settle there) are left out;
 * the rest are split into an earlier and a later half, and a resource "grows" when the later
 * half's peak exceeds the earlier half's by more than its tolerance:
 *
 * <ul>
 *   <li>heap after GC: 8 MiB or 10 %, whichever is larger;
 *   <li>RSS: 32 MiB or 10 % (the heap is pre-touched, so RSS moves only with native memory);
 *   <li>threads: 2.
 * </ul>
 *
 * <p>Descriptors move with the clients, so they are judged against them: never more than the
 * baseline plus the clients plus 16 during the load, and back to the baseline (plus 2) once it
 * ended. A leak of 34 KiB of heap per second shows within a 10-minute run; a longer run sees
 * slower ones.
 */
final class Verdict {

  /** One judged property: what, whether it passed, and the figures behind it. */
  record Check(String what, boolean passed, String detail) {}

  static final long HEAP_SLACK_KIB = 8 * 1024;
  static final long RSS_SLACK_KIB = 32 * 1024;
  static final int THREAD_SLACK = 2;
  static final int DESCRIPTOR_SLACK = 16;
  static final int DESCRIPTORS_LEFT = 2;

  private Verdict() {}

  /** The first second that counts for growth in a run of {@code runSeconds}. */
  static long warmUpSeconds(long runSeconds) {
    return Math.max(20, runSeconds / 5);
  }

  /**
   * Judges a run.
   *
   * @param baseline the sample before the load
   * @param during the samples taken while it ran
   * @param after the sample once it ended and the connections closed
   * @param clients the most connections the load opens at once
   * @param runSeconds how long the load ran
   */
  static List<Check> judge(Sample baseline, List<Sample> during, Sample after, int clients,
      long runSeconds) {
    List<Sample> measured = new ArrayList<>();
    for (Sample s : during) {
      if (s.seconds() >= warmUpSeconds(runSeconds)) {
        measured.add(s);
      }
    }
    List<Check> checks = new ArrayList<>();
    if (measured.size() < 4) {
      checks.add(new Check("enough samples", false, measured.size()
          + " after the warm-up; growth needs at least 4 (run longer)"));
    } else {
      List<Sample> early = measured.subList(0, measured.size() / 2);
      List<Sample> late = measured.subList(measured.size() / 2, measured.size());
      checks.add(growth("heap after GC (KiB)", early, late, Sample::heapAfterGcKib,
          HEAP_SLACK_KIB, true));
      checks.add(growth("RSS (KiB)", early, late, Sample::rssKib, RSS_SLACK_KIB, true));
      checks.add(growth("threads", early, late, Sample::threads, THREAD_SLACK, false));
    }
    long peak = during.stream().mapToLong(Sample::descriptors).max().orElse(0);
    long bound = baseline.descriptors() + clients + DESCRIPTOR_SLACK;
    checks.add(new Check("descriptors during the load", peak <= bound,
        "peak " + peak + ", bound " + bound + " (baseline " + baseline.descriptors() + " + "
            + clients + " clients + " + DESCRIPTOR_SLACK + ")"));
    long left = baseline.descriptors() + DESCRIPTORS_LEFT;
    checks.add(new Check("descriptors after the load", after.descriptors() <= left,
        after.descriptors() + " open, baseline " + baseline.descriptors()));
    return checks;
  }

  private static Check growth(String what, List<Sample> early, List<Sample> late,
      ToLongFunction<Sample> value, long slack, boolean orTenPercent) {
    long before = early.stream().mapToLong(value).max().orElseThrow();
    long later = late.stream().mapToLong(value).max().orElseThrow();
    long allowed = orTenPercent ? Math.max(slack, before / 10) : slack;
    return new Check(what + " flat", later - before <= allowed,
        "earlier peak " + before + ", later peak " + later + ", allowed growth " + allowed);
  }
}
