package dev.eddy.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CookiesTest {

  private static Map<String, String> map(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  @Test
  void parsesLikeTornado() {
    assertEquals(map("a", "1", "b", "2"), Cookies.parse("a=1; b=2"));
    assertEquals(
        map("a", "1", "b", "x;y\"z", "", "d", "e", "", "f", "g=h"),
        Cookies.parse("a=1; b=\"x\\073y\\\"z\"; c ; =d; e=; ;f=g=h"));
    assertEquals(map("k", "v2"), Cookies.parse("k=v1; k=v2"), "last wins");
    assertEquals(map("sp", "a b"), Cookies.parse("  sp  =  a b  "));
    assertEquals(map(), Cookies.parse(""));
    assertEquals(map(), Cookies.parse(null));
    assertEquals(map(), Cookies.parse(";;; ;"));
    assertEquals(map("q", "\""), Cookies.parse("q=\""), "lone quote is not unquoted");
    assertEquals(map("q", ""), Cookies.parse("q=\"\""));
    assertEquals(map("q", "a\\"), Cookies.parse("q=\"a\\\""), "trailing backslash kept");
    assertEquals(map("q", "\u00ff8"), Cookies.parse("q=\"\\3778\""), "octal escape then digit");
    assertEquals(map("q", "\\8"), Cookies.parse("q=\"\\\\8\""));
    assertEquals(map("q", "x\u00a0y"), Cookies.parse("q=\u00a0x\u00a0y\u00a0"), "Python strips NBSP");
  }

  @Test
  void parsesMegabyteHeaderInLinearTime() {
    StringBuilder sb = new StringBuilder();
    while (sb.length() < 1 << 20) {
      sb.append(";=");
    }
    String semis = ";".repeat(1 << 20) + "a=b";
    String quoted = "q=\"" + "\\".repeat(1 << 20) + "\"";
    String spaces = "x=" + " ".repeat(1 << 20) + "y";
    assertTimeoutPreemptively(
        Duration.ofSeconds(10),
        () -> {
          assertEquals(map(), Cookies.parse(sb.toString()));
          assertEquals(map("a", "b"), Cookies.parse(semis));
          assertEquals(1 << 19, Cookies.parse(quoted).get("q").length());
          assertEquals("y", Cookies.parse(spaces).get("x"));
          assertEquals(map(), Cookies.parse(sb.toString().replace('=', ' ')));
        });
  }

  @Test
  void formatsAllAttributesInTornadoOrder() {
    CookieOptions all =
        CookieOptions.defaults()
            .withDomain("ex.com")
            .withExpires(Instant.parse("2015-10-21T07:28:00Z"))
            .withMaxAge(10L)
            .withHttpOnly(true)
            .withSecure(true)
            .withSameSite(CookieOptions.SameSite.LAX);
    // Python: n="a=b/c"; Domain=ex.com; expires=...; HttpOnly; Max-Age=10; Path=/; SameSite=Lax; Secure
    assertEquals(
        "n=\"a=b/c\"; Domain=ex.com; expires=Wed, 21 Oct 2015 07:28:00 GMT; HttpOnly; Max-Age=10;"
            + " Path=/; SameSite=Lax; Secure",
        Cookies.setCookieValue("n", "a=b/c", all));
    assertEquals("x=abc!#$%&'*+-.^_`|~:; Path=/", Cookies.setCookieValue("x", "abc!#$%&'*+-.^_`|~:", CookieOptions.defaults()));
    assertEquals("x=1", Cookies.setCookieValue("x", "1", CookieOptions.defaults().withPath(null)));
    assertEquals(
        "s=v; Path=/app; SameSite=Strict",
        Cookies.setCookieValue("s", "v", CookieOptions.defaults().withPath("/app").withSameSite(CookieOptions.SameSite.STRICT)));
    assertEquals(
        "s=v; Path=/; SameSite=None; Secure",
        Cookies.setCookieValue("s", "v", CookieOptions.defaults().withSecure(true).withSameSite(CookieOptions.SameSite.NONE)));
    assertEquals("Thu, 01 Jan 1970 00:00:00 GMT", Cookies.formatHttpDate(Instant.EPOCH));
  }

  @Test
  void clearCookie() {
    assertEquals(
        "sid=\"\"; Domain=ex.com; expires=Tue, 21 Oct 2014 07:28:00 GMT; Max-Age=0; Path=/",
        Cookies.clearCookie("sid", null, "ex.com", Instant.parse("2015-10-21T07:28:00Z")));
  }

  @Test
  void rejectsInjection() {
    CookieOptions d = CookieOptions.defaults();
    for (String badValue : new String[] {"a;b", "a\rb", "a\nb", "a\0b", "a,b", "a b", "a\tb", "\"q\"", "a\\b", "\u00e9", "\u007f"}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> Cookies.setCookieValue("n", badValue, d));
      assertTrue(e.getMessage().contains("Invalid value for cookie \"n\""), e.getMessage());
    }
    for (String badName : new String[] {"", "a b", "a;b", "a=b", "a\r\nSet-Cookie: x", "a:b", "\u00e9"}) {
      assertThrows(IllegalArgumentException.class, () -> Cookies.setCookieValue(badName, "v", d), badName);
    }
    IllegalArgumentException domain =
        assertThrows(
            IllegalArgumentException.class,
            () -> Cookies.setCookieValue("n", "v", d.withDomain("ex.com; HttpOnly=false")));
    assertTrue(domain.getMessage().startsWith("Invalid cookie attribute domain="), domain.getMessage());
    for (String badPath : new String[] {"/;Secure", "/\r\n", "/a b", "/\0", "/\u007f"}) {
      assertThrows(
          IllegalArgumentException.class, () -> Cookies.setCookieValue("n", "v", d.withPath(badPath)), badPath);
    }
  }

  @Test
  void liveTornadoAgreesOnParsingAndFormatting() throws Exception {
    assumeTrue(TornadoScript.available(), TornadoScript.SKIP_REASON);
    String header = "a=1; b=\"x\\073y\\\"z\"; c ; =d; e=; ;f=g=h; sig=\"2|1:0|10:1|1:n|4:YQ==|ab\"";
    String script =
        """
        import sys, json, datetime
        from unittest import mock
        import tornado.web as w, tornado.httputil as h
        print(json.dumps(h.parse_cookie(sys.argv[1])))
        req = h.HTTPServerRequest(method="GET", uri="/", connection=mock.Mock())
        hd = w.RequestHandler(w.Application([]), req)
        hd.set_cookie("n", "a=b/c", domain="ex.com", expires=datetime.datetime(2015, 10, 21, 7, 28),
                      max_age=10, httponly=True, secure=True, samesite="Lax")
        hd.set_cookie("sig", "2|1:0|10:1|1:n|4:YQ==|ab")
        hd.set_cookie("plain", "abc")
        for v in hd._new_cookie.values():
            print(v.OutputString(None))
        """;
    List<String> out = TornadoScript.run(script, header);
    String json = out.get(0);
    Map<String, String> parsed = Cookies.parse(header);
    Map<?, ?> tornado = new com.fasterxml.jackson.databind.ObjectMapper().readValue(json, Map.class);
    assertEquals(tornado, parsed);
    assertEquals(
        List.of(
            Cookies.setCookieValue(
                "n",
                "a=b/c",
                CookieOptions.defaults()
                    .withDomain("ex.com")
                    .withExpires(Instant.parse("2015-10-21T07:28:00Z"))
                    .withMaxAge(10L)
                    .withHttpOnly(true)
                    .withSecure(true)
                    .withSameSite(CookieOptions.SameSite.LAX)),
            Cookies.setCookieValue("sig", "2|1:0|10:1|1:n|4:YQ==|ab", CookieOptions.defaults()),
            Cookies.setCookieValue("plain", "abc", CookieOptions.defaults())),
        out.subList(1, out.size()));
  }
}
