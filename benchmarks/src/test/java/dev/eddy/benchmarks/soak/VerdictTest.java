package dev.eddy.benchmarks.soak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class VerdictTest {

  private static final Sample BASELINE = new Sample(0, 3 * 1024, 300 * 1024, 16, 24);
  private static final Sample AFTER = new Sample(600, 5 * 1024, 360 * 1024, 16, 24);

  /** Samples every 10 s for 600 s, each made by {@code at} from its second. */
  private static List<Sample> run(LongFunction<Sample> at) {
    List<Sample> samples = new ArrayList<>();
    for (long t = 10; t <= 600; t += 10) {
      samples.add(at.apply(t));
    }
    return samples;
  }

  private static Map<String, Boolean> judge(List<Sample> during, Sample after) {
    return Verdict.judge(BASELINE, during, after, 51, 600).stream()
        .collect(Collectors.toMap(Verdict.Check::what, Verdict.Check::passed));
  }

  @Test
  void flatButNoisyResourcesPass() {
    Map<String, Boolean> checks = judge(run(t -> new Sample(t, (5 + t % 30 / 5) * 1024,
        (355 + t % 20 / 10) * 1024, 40 + (int) (t % 30), 24)), AFTER);
    assertEquals(Map.of("heap after GC (KiB) flat", true, "RSS (KiB) flat", true,
        "threads flat", true, "descriptors during the load", true,
        "descriptors after the load", true), checks);
  }

  @Test
  void aSteadyHeapLeakFails() {
    // 100 KiB a second: 24 MiB more in the later half than the earlier one.
    Map<String, Boolean> checks = judge(run(t -> new Sample(t, 5 * 1024 + 100 * t,
        355 * 1024, 40, 24)), AFTER);
    assertFalse(checks.get("heap after GC (KiB) flat"));
    assertTrue(checks.get("RSS (KiB) flat"));
  }

  @Test
  void nativeGrowthThreadsAndDescriptorsFail() {
    Map<String, Boolean> checks = judge(run(t -> new Sample(t, 5 * 1024, 355 * 1024 + 200 * t,
        40 + (int) t, 24 + (int) (t / 100))), new Sample(610, 5 * 1024, 500 * 1024, 30, 30));
    assertFalse(checks.get("RSS (KiB) flat"));
    assertFalse(checks.get("threads flat"));
    assertFalse(checks.get("descriptors during the load"));
    assertFalse(checks.get("descriptors after the load"));
  }

  @Test
  void theWarmUpIsLeftOutAndTooFewSamplesFail() {
    // Growth during the first fifth only (JIT, first connections) is no leak.
    Map<String, Boolean> checks = judge(run(t -> new Sample(t,
        (t < 120 ? t / 4 : 30) * 1024, 355 * 1024, 40, t < 120 ? 20 : 24)), AFTER);
    assertTrue(checks.get("heap after GC (KiB) flat"));
    assertTrue(checks.get("threads flat"));
    List<Verdict.Check> short1 = Verdict.judge(BASELINE, List.of(new Sample(10, 1, 1, 1, 1)),
        AFTER, 51, 30);
    assertFalse(short1.get(0).passed(), short1.toString());
    assertEquals("enough samples", short1.get(0).what());
  }
}
