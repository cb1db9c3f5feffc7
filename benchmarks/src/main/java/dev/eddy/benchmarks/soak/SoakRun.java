package dev.eddy.benchmarks.soak;

import java.util.List;

/**
 * Everything a soak run saw.
 *
 * @param backend the server's poller
 * @param baseline the sample before the load
 * @param samples the samples during it
 * @param after the sample once it ended and the connections closed
 * @param loads what each client kind did
 * @param clients the most connections the load opened at once
 * @param problems failures of the run itself (the server exited, a client hung)
 * @param fixtures the fixtures in one replay round
 * @param log the server's log, or null before it was read
 */
record SoakRun(String backend, Sample baseline, List<Sample> samples, Sample after,
    List<LoadResult> loads, int clients, List<String> problems, int fixtures, ServerLog log) {

  SoakRun withLog(ServerLog serverLog) {
    return new SoakRun(backend, baseline, samples, after, loads, clients, problems, fixtures,
        serverLog);
  }

  /** The resource checks of {@link Verdict}. */
  List<Verdict.Check> checks() {
    long seconds = samples.isEmpty() ? 0 : samples.get(samples.size() - 1).seconds();
    return Verdict.judge(baseline, samples, after, clients, seconds);
  }

  long requests() {
    return loads.stream().mapToLong(LoadResult::requests).sum();
  }

  long errors() {
    return loads.stream().mapToLong(LoadResult::errors).sum();
  }

  /** Whether every client kind got answers (a kind that got none tested nothing). */
  boolean everyLoadServed() {
    return loads.stream().allMatch(l -> l.requests() > 0);
  }

  /**
   * Whether nothing failed, every client kind was served, no resource grew and the server
   * logged no error.
   */
  boolean passed() {
    return problems.isEmpty() && errors() == 0 && everyLoadServed()
        && (log == null || log.errors() == 0)
        && checks().stream().allMatch(Verdict.Check::passed);
  }
}
