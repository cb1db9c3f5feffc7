package dev.eddy.benchmarks.soak;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the soak server logged (slf4j-simple: {@code [thread] LEVEL logger - message}): its ERROR
 * lines fail the run, its WARN lines are counted and the first few quoted.
 *
 * @param errors the ERROR lines
 * @param warnings the WARN lines
 * @param first the first few of them, verbatim
 * @param path where the log is
 */
record ServerLog(int errors, int warnings, List<String> first, Path path) {

  private static final int KEPT = 5;

  static ServerLog read(Path log) throws IOException {
    int errors = 0;
    int warnings = 0;
    List<String> first = new ArrayList<>();
    for (String line : Files.readAllLines(log)) {
      boolean error = line.contains("] ERROR ");
      boolean warning = line.contains("] WARN ");
      errors += error ? 1 : 0;
      warnings += warning ? 1 : 0;
      if ((error || warning) && first.size() < KEPT) {
        first.add(line);
      }
    }
    return new ServerLog(errors, warnings, first, log);
  }
}
