package dev.eddy.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** How the client reads URLs, resolves redirects and compares origins. */
class ClientUrlTest {

  @Test
  void partsOfAUrl() {
    ClientUrl u = ClientUrl.parse("HTTP://user:p%40ss@Example.COM/a/b?x=1&y=%20#frag");
    assertEquals("http", u.scheme());
    assertEquals("Example.COM", u.host());
    assertEquals(80, u.port());
    assertEquals("/a/b?x=1&y=%20", u.target());
    assertEquals("user:p@ss", u.userInfo());
    assertEquals("Example.COM", u.hostHeader());

    ClientUrl v6 = ClientUrl.parse("https://[::1]:8443");
    assertEquals("::1", v6.host());
    assertEquals(8443, v6.port());
    assertEquals("/", v6.target());
    assertEquals("[::1]:8443", v6.hostHeader());
    assertNull(v6.userInfo());
    assertEquals(443, ClientUrl.parse("https://h/").port());
    assertEquals("/?q", ClientUrl.parse("http://h?q").target());
  }

  @Test
  void onlyHttpUrlsWithAHost() {
    assertThrows(IllegalArgumentException.class, () -> ClientUrl.parse("ftp://h/"));
    assertThrows(IllegalArgumentException.class, () -> ClientUrl.parse("/relative"));
    assertThrows(IllegalArgumentException.class, () -> ClientUrl.parse("http:///x"));
    assertThrows(IllegalArgumentException.class, () -> ClientUrl.parse("http://h/a b"));
  }

  @Test
  void redirectsResolveAsRfc3986Says() {
    ClientUrl base = ClientUrl.parse("http://a/b/c/d;p?q");
    assertEquals("http://a/b/c/g", base.resolve("g").text());
    assertEquals("http://a/g", base.resolve("/g").text());
    assertEquals("http://a/b/c/d;p?y", base.resolve("?y").text());
    assertEquals("http://a/b/g", base.resolve("../g").text());
    assertEquals("http://g/x", base.resolve("//g/x").text());
    assertEquals("https://other:8443/z", base.resolve("https://other:8443/z").text());
    assertEquals("http://a/x", ClientUrl.parse("http://a").resolve("x").text());
    assertThrows(IllegalArgumentException.class, () -> base.resolve("ftp://a/"));
    assertThrows(IllegalArgumentException.class, () -> base.resolve("javascript:alert(1)"));
  }

  @Test
  void originsCompareSchemeHostAndPort() {
    ClientUrl a = ClientUrl.parse("http://Host:80/x");
    assertTrue(a.sameOrigin(ClientUrl.parse("http://host/y")));
    assertFalse(a.sameOrigin(ClientUrl.parse("https://host/y")));
    assertFalse(a.sameOrigin(ClientUrl.parse("http://host:8080/y")));
    assertFalse(a.sameOrigin(ClientUrl.parse("http://other/y")));
  }
}
