package dev.eddy.benchmarks.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Arrays;
import java.util.Map;

/** Checks, before a case is measured, that the server answers it as every other server does. */
final class Answers {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Answers() {}

  /** What is wrong with the server's answer to {@code c}, or null if nothing. */
  static String problem(int port, Case c, byte[] staticBytes) throws IOException {
    Probe.Response r = Probe.get(port, c.path);
    if (r.status() != 200) {
      return "GET " + c.path + " answered " + r.status();
    }
    return switch (c) {
      case PLAINTEXT, PIPELINED, CLOSE -> r.text().equals(HelloBodies.HELLO)
          && r.contentType().startsWith("text/plain") ? null
          : "plaintext answer was '" + r.text() + "' (" + r.contentType() + ")";
      case JSON -> MAPPER.readValue(r.body(), Map.class).equals(Map.of("message",
          HelloBodies.HELLO)) && r.contentType().startsWith("application/json") ? null
          : "json answer was '" + r.text() + "' (" + r.contentType() + ")";
      case STATIC -> Arrays.equals(r.body(), staticBytes) ? null
          : "static answer was " + r.body().length + " bytes, not the file's";
    };
  }
}
