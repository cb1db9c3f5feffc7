package dev.eddy.benchmarks.soak;

import dev.eddy.benchmarks.e2e.WrkResult;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one client kind reported at the end of the soak run.
 *
 * @param name what it did
 * @param connections its connections
 * @param requests the requests it completed
 * @param errors its errors: socket errors, unexpected statuses, wrong answers
 * @param firstErrors the first few errors verbatim
 */
record LoadResult(String name, int connections, long requests, long errors,
    List<String> firstErrors) {

  private static final Pattern COUNT = Pattern.compile("\\d+");

  /** From wrk's report ({@code output}); a report that cannot be read is an error. */
  static LoadResult ofWrk(ClientLoad load, String output) {
    WrkResult r;
    try {
      r = WrkResult.parse(output);
    } catch (IllegalArgumentException e) {
      return new LoadResult(load.name(), load.connections(), 0, 1, List.of(e.getMessage()));
    }
    long errors = 0;
    Matcher m = COUNT.matcher(r.notes());
    while (m.find()) {
      errors += Long.parseLong(m.group());
    }
    return new LoadResult(load.name(), load.connections(), r.requests(), errors,
        r.notes().isEmpty() ? List.of() : List.of(r.notes()));
  }

  /** From a {@link Tally} of the run's own clients. */
  static LoadResult of(Tally tally, int connections) {
    return new LoadResult(tally.name(), connections, tally.requests(), tally.errors(),
        tally.firstErrors());
  }
}
