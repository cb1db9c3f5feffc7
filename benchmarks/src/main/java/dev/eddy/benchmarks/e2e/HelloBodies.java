package dev.eddy.benchmarks.e2e;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** What every server answers: TechEmpower's plaintext and JSON bodies, and the static file. */
final class HelloBodies {

  static final String HELLO = "Hello, World!";
  static final byte[] HELLO_BYTES = HELLO.getBytes(StandardCharsets.US_ASCII);
  static final String STATIC_NAME = "64k.bin";
  static final int STATIC_SIZE = 64 * 1024;
  /** The path under which the allocation control endpoint answers (Eddy and Netty servers). */
  static final String ALLOC_PATH = "/__alloc";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private HelloBodies() {}

  /** {@code {"message":"Hello, World!"}}, serialised anew by Jackson on every call. */
  static byte[] json() {
    try {
      return MAPPER.writeValueAsBytes(Map.of("message", HELLO));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
