package dev.eddy.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class XsrfTokensTest {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final byte[] RAW = HexFormat.of().parseHex("00112233445566778899aabbccddeeff");
  private static final String RAW_HEX = "00112233445566778899aabbccddeeff";

  /** Drives Tornado's own RequestHandler.xsrf_token / check_xsrf_cookie with a mocked connection. */
  private static final String TORNADO_SCRIPT =
      """
      import sys
      from unittest import mock
      import tornado.web as w, tornado.httputil as h
      def handler(cookie=None, header=None):
          hdrs = h.HTTPHeaders()
          if cookie is not None: hdrs["Cookie"] = "_xsrf=" + cookie
          if header is not None: hdrs["X-Xsrftoken"] = header
          req = h.HTTPServerRequest(method="POST", uri="/", headers=hdrs, connection=mock.Mock())
          return w.RequestHandler(w.Application([], xsrf_cookies=True), req)
      def check(cookie, header):
          try:
              handler(cookie, header).check_xsrf_cookie()
              return "ok"
          except w.HTTPError as e:
              return e.log_message
      args = sys.argv[1:]
      if args[0] == "token":
          print(handler(cookie=args[1]).xsrf_token.decode())
          print(handler(cookie=args[1]).xsrf_token.decode())
      else:
          print(check(args[1], args[2]))
      """;

  @Test
  void maskingGivesDifferentStringsForTheSameRawToken() {
    String a = XsrfTokens.newToken(RAW, 1_700_000_000L, RANDOM);
    String b = XsrfTokens.newToken(RAW, 1_700_000_000L, RANDOM);
    assertNotEquals(a, b);
    assertTrue(a.matches("2\\|[0-9a-f]{8}\\|[0-9a-f]{32}\\|1700000000"), a);
    assertArrayEquals(RAW, XsrfTokens.decode(a).token());
    assertArrayEquals(RAW, XsrfTokens.decode(b).token());
    assertEquals(2, XsrfTokens.decode(a).version());
    assertEquals(OptionalLong.of(1_700_000_000L), XsrfTokens.decode(a).timestamp());
    assertTrue(XsrfTokens.matches(a, b));
    assertEquals(16, XsrfTokens.newRawToken(RANDOM).length);
  }

  @Test
  void decodesKnownTornadoToken() {
    // Tornado 6.2 rendered raw token RAW_HEX with mask c327cb9f as this v2 token.
    XsrfTokens.Decoded d = XsrfTokens.decode("2|c327cb9f|c336e9ac8772ade84bbe61240ffa2560|1795482145");
    assertEquals(RAW_HEX, HexFormat.of().formatHex(d.token()));
    assertEquals(OptionalLong.of(1795482145L), d.timestamp());
    assertEquals(RAW_HEX, HexFormat.of().formatHex(XsrfTokens.decode("2|C327CB9F|C336E9AC8772ADE84BBE61240FFA2560|1").token()));
  }

  @Test
  void decodesV1TokensAndRejectsMalformedOnes() {
    XsrfTokens.Decoded v1 = XsrfTokens.decode(RAW_HEX);
    assertEquals(1, v1.version());
    assertArrayEquals(RAW, v1.token());
    assertTrue(v1.timestamp().isEmpty());
    assertEquals(RAW_HEX, XsrfTokens.v1Token(RAW));
    // Not hex: Tornado uses the string's bytes as the token.
    assertArrayEquals("not-hex!".getBytes(StandardCharsets.UTF_8), XsrfTokens.decode("not-hex!").token());
    assertArrayEquals("abc".getBytes(StandardCharsets.UTF_8), XsrfTokens.decode("abc").token());
    assertNull(XsrfTokens.decode(null));
    assertNull(XsrfTokens.decode("3|aa|bb|1"), "unknown version");
    assertNull(XsrfTokens.decode("2|c327cb9f|c336e9ac|1|5"), "too many fields");
    assertNull(XsrfTokens.decode("2|c327cb9f|c336e9ac"), "too few fields");
    assertNull(XsrfTokens.decode("2|zz27cb9f|c336e9ac|1"), "bad mask hex");
    assertNull(XsrfTokens.decode("2|c327|c336e9ac|1"), "short mask");
    assertNull(XsrfTokens.decode("2|c327cb9f|c33|1"), "odd hex");
    assertNull(XsrfTokens.decode("2|c327cb9f|c336e9ac|soon"), "bad timestamp");
  }

  @Test
  void checkReasons() {
    String cookie = XsrfTokens.newToken(RAW, 1L, RANDOM);
    String other = XsrfTokens.newToken(XsrfTokens.newRawToken(RANDOM), 1L, RANDOM);
    assertNull(XsrfTokens.check(cookie, XsrfTokens.newToken(RAW, 2L, RANDOM)));
    assertNull(XsrfTokens.check(RAW_HEX, cookie), "v1 cookie, v2 argument");
    assertNull(XsrfTokens.check(cookie, RAW_HEX), "v2 cookie, v1 argument");
    assertEquals(XsrfTokens.REASON_MISSING, XsrfTokens.check(cookie, null));
    assertEquals(XsrfTokens.REASON_MISSING, XsrfTokens.check(cookie, ""));
    assertEquals(XsrfTokens.REASON_INVALID_FORMAT, XsrfTokens.check(cookie, "2|zz|00|1"));
    assertEquals(XsrfTokens.REASON_MISMATCH, XsrfTokens.check(cookie, other));
    assertEquals(XsrfTokens.REASON_MISMATCH, XsrfTokens.check(null, cookie), "no cookie");
    assertEquals(XsrfTokens.REASON_MISMATCH, XsrfTokens.check("3|x", cookie), "undecodable cookie");
    assertFalse(XsrfTokens.matches(cookie, other));
    assertEquals("'_xsrf' argument missing from POST", XsrfTokens.REASON_MISSING);
    assertEquals("XSRF cookie does not match POST argument", XsrfTokens.REASON_MISMATCH);
  }

  @Test
  void liveTornadoMasksEddyCookieAndEddyAcceptsIt() throws Exception {
    assumeTrue(TornadoScript.available(), TornadoScript.SKIP_REASON);
    String eddyCookie = XsrfTokens.newToken(RAW, 1_700_000_000L, RANDOM);
    List<String> out = TornadoScript.run(TORNADO_SCRIPT, "token", eddyCookie);
    assertEquals(2, out.size(), out::toString);
    assertNotEquals(out.get(0), out.get(1), "Tornado masks each rendering differently");
    for (String tornadoToken : out) {
      XsrfTokens.Decoded d = XsrfTokens.decode(tornadoToken);
      assertEquals(2, d.version());
      assertArrayEquals(RAW, d.token());
      assertEquals(OptionalLong.of(1_700_000_000L), d.timestamp());
      assertTrue(XsrfTokens.matches(eddyCookie, tornadoToken));
    }
  }

  @Test
  void liveTornadoCheckAgreesWithEddy() throws Exception {
    assumeTrue(TornadoScript.available(), TornadoScript.SKIP_REASON);
    String cookie = XsrfTokens.newToken(RAW, 1_700_000_000L, RANDOM);
    String[][] cases = {
      {cookie, XsrfTokens.newToken(RAW, 5L, RANDOM)},
      {RAW_HEX, XsrfTokens.newToken(RAW, 5L, RANDOM)},
      {cookie, RAW_HEX},
      {cookie, XsrfTokens.newToken(XsrfTokens.newRawToken(RANDOM), 5L, RANDOM)},
      {cookie, "2|zz|00|1"},
      {"3|abc", cookie},
    };
    for (String[] c : cases) {
      String tornado = TornadoScript.run(TORNADO_SCRIPT, "check", c[0], c[1]).get(0);
      String eddy = XsrfTokens.check(c[0], c[1]);
      assertEquals(tornado, eddy == null ? "ok" : eddy, String.join(" / ", c));
    }
  }
}
