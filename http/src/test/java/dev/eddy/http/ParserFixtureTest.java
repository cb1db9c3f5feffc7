package dev.eddy.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every raw message fixture in {@code fixtures/requests} and {@code fixtures/responses}
 * through {@link HeadParser} and checks the outcome it declares (DESIGN §9: parser tests are
 * data). For a body-stage fixture ({@code # stage: body}) only the head is the parser's: it must
 * be accepted as described; the rest is judged by the live replay ({@link HostileRequestCases}).
 *
 * <p>The format of the files is described on {@link Fixture}.
 */
class ParserFixtureTest {

  static Stream<Fixture> fixtures() {
    return Stream.concat(Fixture.load("requests", true).stream(),
        Fixture.load("responses", false).stream());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void fixture(Fixture f) {
    HttpParameters p = limits(f.one("limits"));
    int headLength = f.headLength();
    String status = f.one("status");
    if (status.equals("ok") || f.bodyStage()) {
      // A body-stage fixture's head is valid: its status is the live server's
      // (HostileRequestCases), decided after the head.
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
    assertTrue(Fixture.load("requests", true).size() >= 170);
    assertTrue(Fixture.load("responses", false).size() >= 25);
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
        case "maxChunkLineBytes":
          p = p.withMaxChunkLineBytes((int) v);
          break;
        default:
          throw new IllegalArgumentException("unknown limit " + kv[0]);
      }
    }
    return p;
  }
}
