package dev.eddy.benchmarks.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Runs {@code wrk} (one thread, 64 connections, {@code --latency}) through the runner. */
public final class Wrk {

  static final int THREADS = 1;
  static final int CONNECTIONS = 64;

  private final ProcessRunner runner;
  private final Path pipelineScript;

  Wrk(ProcessRunner runner, Path pipelineScript) {
    this.runner = runner;
    this.pipelineScript = pipelineScript;
  }

  /** Whether wrk is on the path. */
  public static boolean installed() {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "wrk"))) {
        return true;
      }
    }
    return false;
  }

  /** The command for {@code c} against {@code port} for {@code seconds}. */
  List<String> command(Case c, int port, int seconds) {
    return c.wrkCommand(port, seconds, THREADS, CONNECTIONS, pipelineScript);
  }

  /** Runs {@code c} for {@code seconds} and parses the report. */
  WrkResult run(Case c, int port, int seconds) throws IOException, InterruptedException {
    String out = runner.run(command(c, port, seconds), Duration.ofSeconds(seconds + 20L));
    try {
      return WrkResult.parse(out);
    } catch (IllegalArgumentException e) {
      throw new IOException(e.getMessage(), e);
    }
  }
}
