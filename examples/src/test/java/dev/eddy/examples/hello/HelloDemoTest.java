package dev.eddy.examples.hello;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.loop.PollerSelection;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The README's demo, run as the README runs it, on every Linux backend and with two loops. */
class HelloDemoTest {

  @ParameterizedTest(name = "{0}, {1} loops")
  @CsvSource({"nio, 1", "epoll-jna, 1", "epoll-netty, 1", "epoll-netty, 2", "nio, 2"})
  void selfCheckPassesAndNamesTheBackend(String backend, int loops) throws Exception {
    assertTrue(PollerSelection.availableNames().contains(backend),
        backend + " must run on Linux; available: " + PollerSelection.availableNames());
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int status = HelloDemo.run(
        HelloOptions.parse("--backend", backend, "--loops", Integer.toString(loops)),
        new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertEquals(0, status, out);
    List<String> lines = out.lines().toList();
    assertTrue(lines.get(0).startsWith("Eddy demo on backend '" + backend + "' with " + loops
        + " loop"), out);
    assertTrue(lines.get(1).matches("Serving http://127\\.0\\.0\\.1:\\d+/"), out);
    assertEquals("GET / -> 200 OK: Hello from Eddy on " + backend + "!", lines.get(2));
    assertEquals("GET /json -> 200 OK: {\"message\":\"Hello, World!\",\"backend\":\""
        + backend + "\"}", normaliseJson(lines.get(3), backend));
    assertTrue(lines.get(4).startsWith("GET /static/hello.txt -> 200 OK: A static file"), out);
  }

  /** Map.of has no order: put the two members in a fixed one. */
  private static String normaliseJson(String line, String backend) {
    return line.replace("{\"backend\":\"" + backend + "\",\"message\":\"Hello, World!\"}",
        "{\"message\":\"Hello, World!\",\"backend\":\"" + backend + "\"}");
  }

  @Test
  void anUnknownBackendIsAClearErrorNotACrash() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int status = HelloDemo.run(HelloOptions.parse("--backend", "no-such-poller"),
        new PrintStream(bytes, true, StandardCharsets.UTF_8));
    assertEquals(1, status);
  }

  @Test
  void flagsAreParsedAndBadOnesNamed() {
    assertEquals(new HelloOptions(0, null, 1, false), HelloOptions.parse());
    assertEquals(new HelloOptions(8888, null, 1, true), HelloOptions.parse("--serve"));
    assertEquals(new HelloOptions(9000, "nio", 4, true),
        HelloOptions.parse("--serve", "--port", "9000", "--backend", "nio", "--loops", "4"));
    assertEquals("--loops must be between 1 and 256, got 0",
        assertThrows(IllegalArgumentException.class,
            () -> HelloOptions.parse("--loops", "0")).getMessage());
    assertEquals("--port needs a number, got 'x'", assertThrows(IllegalArgumentException.class,
        () -> HelloOptions.parse("--port", "x")).getMessage());
    assertEquals("--port needs a value", assertThrows(IllegalArgumentException.class,
        () -> HelloOptions.parse("--port")).getMessage());
    assertEquals("unknown flag '--fast'", assertThrows(IllegalArgumentException.class,
        () -> HelloOptions.parse("--fast")).getMessage());
  }
}
