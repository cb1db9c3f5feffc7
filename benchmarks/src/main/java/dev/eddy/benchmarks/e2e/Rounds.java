package dev.eddy.benchmarks.e2e;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Folds the rounds of a run into one row per server and case: the round with the median
 * requests/s (the lower middle of an even count), whose other figures come with it, noted with
 * every round's requests/s. On two shared cores one 4 s run moves by ±15 % with whatever else
 * the machine does; servers taking turns over several rounds see the same disturbances.
 */
final class Rounds {

  private Rounds() {}

  /** One row per server and case, in the order of first appearance. */
  static List<Measurement> medians(List<Measurement> all) {
    Map<String, List<Measurement>> byRow = new LinkedHashMap<>();
    for (Measurement m : all) {
      byRow.computeIfAbsent(m.server() + "\u0000" + m.caseLabel(), k -> new ArrayList<>()).add(m);
    }
    List<Measurement> out = new ArrayList<>();
    for (List<Measurement> rounds : byRow.values()) {
      if (rounds.size() == 1) {
        out.add(rounds.get(0));
        continue;
      }
      List<Measurement> measured = rounds.stream().filter(m -> m.wrk() != null)
          .sorted(Comparator.comparingDouble(m -> m.wrk().requestsPerSecond())).toList();
      if (measured.isEmpty()) {
        out.add(rounds.get(rounds.size() - 1));
        continue;
      }
      Measurement median = measured.get((measured.size() - 1) / 2);
      String each = rounds.stream().map(m -> m.wrk() == null ? "failed"
          : String.format(Locale.ROOT, "%.1fk", m.wrk().requestsPerSecond() / 1000))
          .collect(Collectors.joining(" / "));
      String note = (median.note().isEmpty() ? "" : median.note() + "; ") + "rounds: " + each;
      out.add(new Measurement(median.server(), median.baseline(), median.caseLabel(),
          median.wrk(), median.cpuSeconds(), median.bytesPerRequest(), note));
    }
    return out;
  }
}
