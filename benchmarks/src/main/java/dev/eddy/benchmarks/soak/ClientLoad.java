package dev.eddy.benchmarks.soak;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One wrk client kind of the soak run.
 *
 * @param name what it does, for the report
 * @param connections its connections
 * @param path the path it asks for
 * @param header an extra request header, or null
 * @param script a wrk Lua script, or null
 */
record ClientLoad(String name, int connections, String path, String header, Path script) {

  /** The wrk command against {@code port} for {@code seconds}. */
  List<String> command(int port, long seconds) {
    List<String> c = new ArrayList<>(List.of("wrk", "-t1", "-c" + connections,
        "-d" + seconds + "s", "--timeout", "10s", "--latency"));
    if (header != null) {
      c.addAll(List.of("-H", header));
    }
    if (script != null) {
      c.addAll(List.of("-s", script.toString()));
    }
    c.add("http://127.0.0.1:" + port + path);
    return c;
  }

  /** wrk's Lua script for an upload of {@code bytes} bytes by POST. */
  static String uploadScript(int bytes) {
    return """
        wrk.method = "POST"
        wrk.body = string.rep("u", %d)
        wrk.headers["Content-Type"] = "application/octet-stream"
        """.formatted(bytes);
  }
}
