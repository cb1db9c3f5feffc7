package dev.eddy.benchmarks.e2e;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The TechEmpower-style cases, each one wrk run against every server. */
enum Case {
  /** {@code GET /plaintext}, keep-alive. */
  PLAINTEXT("plaintext", "/plaintext", false, false),
  /** {@code GET /plaintext}, 16 requests per write (a wrk Lua script). */
  PIPELINED("pipelined", "/plaintext", true, false),
  /** {@code GET /json}, keep-alive. */
  JSON("json", "/json", false, false),
  /** {@code GET /static/64k.bin}, keep-alive. */
  STATIC("static", "/static/" + HelloBodies.STATIC_NAME, false, false),
  /** {@code GET /plaintext} with {@code Connection: close}: a new connection per request. */
  CLOSE("close", "/plaintext", false, true);

  /** How many requests the pipelined case sends per write. */
  static final int PIPELINE_DEPTH = 16;

  final String label;
  final String path;
  final boolean pipelined;
  final boolean close;

  Case(String label, String path, boolean pipelined, boolean close) {
    this.label = label;
    this.path = path;
    this.pipelined = pipelined;
    this.close = close;
  }

  /**
   * The wrk command for this case.
   *
   * @param script the pipelining Lua script (used by {@link #PIPELINED} only)
   */
  List<String> wrkCommand(int port, int seconds, int threads, int connections, Path script) {
    List<String> cmd = new ArrayList<>(List.of("wrk", "-t" + threads, "-c" + connections,
        "-d" + seconds + "s", "--latency"));
    if (close) {
      cmd.addAll(List.of("-H", "Connection: close"));
    }
    if (pipelined) {
      cmd.addAll(List.of("-s", script.toString()));
    }
    cmd.add("http://127.0.0.1:" + port + path);
    if (pipelined) {
      cmd.addAll(List.of("--", Integer.toString(PIPELINE_DEPTH)));
    }
    return cmd;
  }
}
