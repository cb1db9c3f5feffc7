package dev.eddy.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every raw message fixture in {@code fixtures/requests} and {@code fixtures/responses}
 * through {@link HeadParser} and checks the outcome it declares (DESIGN §9: parser tests are
 * data).
 *
 * <h2>Fixture format</h2>
 *
 * One plain-text file per case. It opens with {@code # key: value} expectation lines, then a line
 * {@code ---}, then the raw message:
 *
 * <pre>
 * # why: Content-Length frames the body (RFC 9112 §6.3)
 * # status: ok
 * # method: POST
 * # framing: LENGTH 5
 * # header: Content-Length: 5
 * ---
 * POST /form HTTP/1.1\r\n
 * Host: a\r\n
 * Content-Length: 5\r\n
 * \r\n
 * hello
 * </pre>
 *
 * <p>In the message, the file's own line breaks mean nothing: every byte is written out, with the
 * escapes {@code \r}, {@code \n}, {@code \t}, {@code \\} and {@code \xHH}, so that the hostile
 * cases (bare LF, bare CR, NUL, obs-text) are unambiguous and the files stay plain ASCII. A line
 * {@code @repeat N text} stands for {@code text} (escapes decoded) written N times, for the
 * oversized cases. The head handed to the parser is the message up to and including the first
 * CRLF CRLF, or the whole message when it has none.
 *
 * <p>Keys: {@code why} (required: the rule, with its RFC section), {@code status} (required:
 * {@code ok}; for requests the expected {@link HttpInputException#status()}; for responses {@code
 * error}, status 0), {@code message} (a substring of the exception message), {@code method},
 * {@code target}, {@code version}, {@code code}, {@code reason}, {@code framing} ({@code NONE},
 * {@code CHUNKED}, {@code UNTIL_CLOSE} or {@code LENGTH n}; for responses via {@link
 * HeadParser#responseFraming}), {@code request-method} (responses; default GET), {@code
 * expect-continue}, {@code headers} (the field count), {@code header} (repeatable {@code Name:
 * value}: the fields of that name, spelling and order included, must be exactly those listed) and
 * {@code limits} ({@code maxHeaderCount=3, maxBodySize=10}: {@link HttpParameters} fields to
 * change from the defaults) and {@code close} (request fixtures, required: {@code yes} if the
 * server closes the connection after its answer, {@code no} if it keeps it for the next request;
 * checked against a live server by {@link HostileRequestCases}). Expectation values take the same escapes; unknown keys fail.
 */
class ParserFixtureTest {

  private static final Set<String> KEYS = Set.of("why", "status", "message", "method", "target",
      "version", "code", "reason", "framing", "request-method", "expect-continue", "headers",
      "header", "limits", "close");

  record Fixture(String name, boolean request, Map<String, List<String>> expect, byte[] message) {

    String one(String key) {
      List<String> v = expect.get(key);
      return v == null ? null : v.get(0);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Fixture> fixtures() {
    return Stream.concat(load("requests", true).stream(), load("responses", false).stream());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void fixture(Fixture f) {
    HttpParameters p = limits(f.one("limits"));
    int headLength = headLength(f.message());
    String status = f.one("status");
    if (status.equals("ok")) {
      try {
        if (f.request()) {
          checkRequest(f, HeadParser.parseRequest(f.message(), headLength, p));
        } else {
          checkResponse(f, HeadParser.parseResponse(f.message(), headLength, p));
        }
      } catch (HttpInputException e) {
        fail("expected success, got " + e.status() + " " + e.getMessage());
      }
      return;
    }
    HttpInputException e = assertThrows(HttpInputException.class, () -> {
      if (f.request()) {
        HeadParser.parseRequest(f.message(), headLength, p);
      } else {
        HeadParser.parseResponse(f.message(), headLength, p);
      }
    });
    int expected = f.request() ? Integer.parseInt(status) : 0;
    if (!f.request() && !status.equals("error")) {
      fail("a response fixture's status is 'ok' or 'error', got " + status);
    }
    assertEquals(expected, e.status(), "status; message was: " + e.getMessage());
    String message = f.one("message");
    if (message != null) {
      assertTrue(e.getMessage().contains(message),
          "message should contain '" + message + "': " + e.getMessage());
    }
  }

  /** Every fixture's message, mutated at random, still yields a head or an HttpInputException. */
  @Test
  void mutatedFixturesFailOnlyWithHttpInputException() {
    Random random = new Random(20240901);
    List<Fixture> all = fixtures().collect(Collectors.toList());
    for (Fixture f : all) {
      for (int round = 0; round < 50; round++) {
        byte[] m = f.message().clone();
        int edits = 1 + random.nextInt(3);
        for (int i = 0; i < edits && m.length > 0; i++) {
          int at = random.nextInt(m.length);
          m[at] = (byte) (random.nextBoolean() ? "\r\n :\t,\0"
              .charAt(random.nextInt(7)) : random.nextInt(256));
        }
        int length = random.nextInt(m.length + 1);
        try {
          if (f.request()) {
            HeadParser.parseRequest(m, length, HttpParameters.DEFAULTS);
          } else {
            HeadParser.parseResponse(m, length, HttpParameters.DEFAULTS);
          }
        } catch (HttpInputException expected) {
          // fine: rejected
        } catch (RuntimeException e) {
          throw new AssertionError(f.name() + " mutated: " + e, e);
        }
      }
    }
  }

  /** Tornado CVE-2025-67725: many repeated fields must cost linear, not quadratic, time. */
  @Test
  void manyRepeatedFieldsParseInLinearTime() {
    int n = 200_000;
    StringBuilder head = new StringBuilder("GET / HTTP/1.1\r\nHost: a\r\n");
    for (int i = 0; i < n; i++) {
      head.append("X-Same: v\r\n");
    }
    byte[] b = head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    HttpParameters p = HttpParameters.DEFAULTS.withMaxHeaderBytes(b.length)
        .withMaxHeaderCount(n + 1);
    RequestHead parsed = assertTimeoutPreemptively(Duration.ofSeconds(10),
        () -> HeadParser.parseRequest(b, b.length, p));
    assertEquals(n, parsed.headers().getAll("x-same").size());
  }

  @Test
  void thereAreEnoughFixtures() {
    assertTrue(load("requests", true).size() >= 60);
    assertTrue(load("responses", false).size() >= 25);
  }

  // ---- checks ----

  private static void checkRequest(Fixture f, RequestHead head) {
    RequestStartLine line = head.startLine();
    expectEquals(f, "method", line.method());
    expectEquals(f, "target", line.target());
    expectEquals(f, "version", line.version().text());
    expectEquals(f, "framing", describe(head.framing()));
    expectEquals(f, "expect-continue", Boolean.toString(head.expectContinue()));
    checkHeaders(f, head.headers());
    assertFalse(head.framing().kind() == Framing.Kind.UNTIL_CLOSE, "request until close");
  }

  private static void checkResponse(Fixture f, ResponseHead head) {
    ResponseStartLine line = head.startLine();
    expectEquals(f, "version", line.version().text());
    expectEquals(f, "code", Integer.toString(line.code()));
    expectEquals(f, "reason", line.reason());
    String method = f.one("request-method") == null ? "GET" : f.one("request-method");
    expectEquals(f, "framing", describe(HeadParser.responseFraming(head, method)));
    checkHeaders(f, head.headers());
  }

  private static void checkHeaders(Fixture f, HttpHeaders headers) {
    expectEquals(f, "headers", Integer.toString(headers.size()));
    Map<String, List<String>> expected = new LinkedHashMap<>();
    for (String h : f.expect().getOrDefault("header", List.of())) {
      int colon = h.indexOf(':');
      String name = h.substring(0, colon);
      expected.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>())
          .add(name + ": " + h.substring(colon + 1).strip());
    }
    for (Map.Entry<String, List<String>> e : expected.entrySet()) {
      List<String> actual = new ArrayList<>();
      for (HttpHeaders.Field field : headers) {
        if (field.name().equalsIgnoreCase(e.getKey())) {
          actual.add(field.toString());
        }
      }
      assertEquals(e.getValue(), actual, "fields named " + e.getKey());
    }
  }

  private static void expectEquals(Fixture f, String key, String actual) {
    String expected = f.one(key);
    if (expected != null) {
      assertEquals(expected, actual, key);
    }
  }

  private static String describe(Framing framing) {
    return framing.kind() == Framing.Kind.LENGTH ? "LENGTH " + framing.length()
        : framing.kind().name();
  }

  // ---- loading ----

  private static int headLength(byte[] m) {
    for (int i = 0; i + 3 < m.length; i++) {
      if (m[i] == '\r' && m[i + 1] == '\n' && m[i + 2] == '\r' && m[i + 3] == '\n') {
        return i + 4;
      }
    }
    return m.length;
  }

  static HttpParameters limits(String spec) {
    return limits(spec, HttpParameters.DEFAULTS);
  }

  /** {@code base} with the fixture's {@code limits} applied. */
  static HttpParameters limits(String spec, HttpParameters base) {
    HttpParameters p = base;
    if (spec == null) {
      return p;
    }
    for (String part : spec.split(",")) {
      String[] kv = part.strip().split("=");
      long v = Long.parseLong(kv[1].strip());
      switch (kv[0].strip()) {
        case "maxStartLineBytes":
          p = p.withMaxStartLineBytes((int) v);
          break;
        case "maxHeaderBytes":
          p = p.withMaxHeaderBytes((int) v);
          break;
        case "maxHeaderCount":
          p = p.withMaxHeaderCount((int) v);
          break;
        case "maxBodySize":
          p = p.withMaxBodySize(v);
          break;
        default:
          throw new IllegalArgumentException("unknown limit " + kv[0]);
      }
    }
    return p;
  }

  static List<Fixture> load(String dir, boolean request) {
    URL url = ParserFixtureTest.class.getResource("/fixtures/" + dir);
    if (url == null) {
      throw new IllegalStateException("no fixtures/" + dir + " on the test class path");
    }
    try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
      List<Fixture> list = new ArrayList<>();
      for (Path file : files.sorted().collect(Collectors.toList())) {
        list.add(parse(dir + "/" + file.getFileName(), request,
            Files.readAllLines(file, StandardCharsets.UTF_8)));
      }
      return list;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static Fixture parse(String name, boolean request, List<String> lines) {
    Map<String, List<String>> expect = new LinkedHashMap<>();
    int i = 0;
    for (; i < lines.size() && !lines.get(i).equals("---"); i++) {
      String line = lines.get(i);
      int colon = line.indexOf(':');
      if (!line.startsWith("# ") || colon < 0) {
        throw new IllegalArgumentException(name + ": expected '# key: value', got " + line);
      }
      String key = line.substring(2, colon).strip();
      if (!KEYS.contains(key)) {
        throw new IllegalArgumentException(name + ": unknown key " + key);
      }
      String value = line.substring(colon + 1).strip();
      expect.computeIfAbsent(key, k -> new ArrayList<>())
          .add(key.equals("why") ? value : new String(unescape(name, value),
              StandardCharsets.ISO_8859_1));
    }
    if (i == lines.size() || !expect.containsKey("why") || !expect.containsKey("status")) {
      throw new IllegalArgumentException(name + ": needs '# why:', '# status:' and '---'");
    }
    ByteArrayOutputStream message = new ByteArrayOutputStream();
    for (String line : lines.subList(i + 1, lines.size())) {
      if (line.startsWith("@repeat ")) {
        int sp = line.indexOf(' ', 8);
        int times = Integer.parseInt(line.substring(8, sp));
        byte[] text = unescape(name, line.substring(sp + 1));
        for (int t = 0; t < times; t++) {
          message.writeBytes(text);
        }
      } else {
        message.writeBytes(unescape(name, line));
      }
    }
    return new Fixture(name, request, expect, message.toByteArray());
  }

  /** Decodes {@code \r \n \t \\ \xHH}; every other character must be printable ASCII. */
  static byte[] unescape(String name, String s) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '\\') {
        if (c < 0x20 || c > 0x7e) {
          throw new IllegalArgumentException(name + ": write " + (int) c + " as an escape");
        }
        out.write(c);
        continue;
      }
      char e = i + 1 < s.length() ? s.charAt(++i) : '?';
      switch (e) {
        case 'r':
          out.write('\r');
          break;
        case 'n':
          out.write('\n');
          break;
        case 't':
          out.write('\t');
          break;
        case '\\':
          out.write('\\');
          break;
        case 'x':
          out.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
          i += 2;
          break;
        default:
          throw new IllegalArgumentException(name + ": unknown escape \\" + e);
      }
    }
    return out.toByteArray();
  }
}
