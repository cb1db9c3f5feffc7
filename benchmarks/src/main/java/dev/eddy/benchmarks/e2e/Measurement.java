package dev.eddy.benchmarks.e2e;

/**
 * One row of the table: a server on a case.
 *
 * @param server the server's name
 * @param baseline the name of its baseline server ({@link Server#baselineName()})
 * @param caseLabel the case, or "-" for a row about the whole server
 * @param wrk what wrk reported, or null when the case did not run
 * @param cpuSeconds the server's CPU seconds over the measured run (NaN if unknown)
 * @param bytesPerRequest bytes allocated by the loop threads per request (NaN if unknown)
 * @param note errors, or why there are no figures ("" if none)
 */
record Measurement(String server, String baseline, String caseLabel, WrkResult wrk,
    double cpuSeconds, double bytesPerRequest, String note) {

  /** A row without figures: the server or the case could not run. */
  static Measurement missing(Server s, String caseLabel, String why) {
    return new Measurement(s.name(), s.baselineName(), caseLabel, null, Double.NaN, Double.NaN,
        why);
  }

  /** Requests per CPU-second of the server, or NaN. */
  double requestsPerCpuSecond() {
    return wrk == null || !(cpuSeconds > 0) ? Double.NaN : wrk.requests() / cpuSeconds;
  }
}
