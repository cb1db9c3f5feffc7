package dev.eddy.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs small inline Python scripts against the system Tornado (/usr/bin/python3) for interop tests. */
public final class TornadoScript {

  public static final String PYTHON = "/usr/bin/python3";
  public static final String SKIP_REASON =
      "live Tornado interop skipped: `" + PYTHON + " -c 'import tornado'` failed";
  private static Boolean available;

  private TornadoScript() {}

  public static synchronized boolean available() {
    if (available == null) {
      try {
        Process p = new ProcessBuilder(PYTHON, "-c", "import tornado").redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        available = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
      } catch (IOException e) {
        available = false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        available = false;
      }
    }
    return available;
  }

  /** Runs the script with the arguments (ASCII only) and returns its stdout lines. */
  static List<String> run(String script, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(PYTHON, "-c", script));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().put("PYTHONIOENCODING", "utf-8");
    Process p = pb.start();
    byte[] out = p.getInputStream().readAllBytes();
    byte[] err = p.getErrorStream().readAllBytes();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("python timed out");
    }
    if (p.exitValue() != 0) {
      throw new AssertionError("python failed: " + new String(err, StandardCharsets.UTF_8));
    }
    return new String(out, StandardCharsets.UTF_8).lines().toList();
  }
}
