package dev.eddy.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouteTest {

  @Test
  void plainPatternsAreComparedRegexOnesMatched() {
    assertEquals("/about", Route.literalOf("/about"));
    assertEquals("/about", Route.literalOf("^/about$"));
    assertEquals("/a.b", Route.literalOf("\\Q/a.b\\E"));
    assertNull(Route.literalOf("/a.b"));
    assertNull(Route.literalOf("/post/([0-9]+)"));
    assertNull(Route.literalOf("\\Q/users/\\E([^/]+)"));
    assertNull(Route.literalOf("/x\\$"));
  }

  @Test
  void theRequiredPrefixIsOnlyWhatEveryMatchStartsWith() {
    assertEquals("/static/", Route.requiredPrefix("/static/(.*)"));
    assertEquals("/favicon.ico", Route.requiredPrefix("/(favicon\\.ico)"));
    assertEquals("/users/", Route.requiredPrefix("\\Q/users/\\E([^/]+)"));
    assertEquals("/post/", Route.requiredPrefix("^/post/([0-9]+)$"));
    assertEquals("/a", Route.requiredPrefix("/ab*c"));
    assertEquals("/a", Route.requiredPrefix("/ab?"));
    assertEquals("/", Route.requiredPrefix("/(ab)?c"));
    assertEquals("/", Route.requiredPrefix("/(a|b)"));
    assertEquals("", Route.requiredPrefix("(?i)/about"));
    assertEquals("/x", Route.requiredPrefix("/x(?<id>[a-z]+)"));
    assertEquals("/", Route.requiredPrefix("/(a(b))"));
    assertEquals("/", Route.requiredPrefix("/(ab\\d)"));
    assertEquals("", Route.requiredPrefix(".*"));
    assertEquals("/a$b", Route.requiredPrefix("/a\\$b"));
    // and matching through the prefix agrees with the regex alone
    for (String pattern : List.of("/static/(.*)", "/(favicon\\.ico)", "/ab*c", "/(ab)?c",
        "/(a|b)", "(?i)/About", "/x(?<id>[a-z]+)")) {
      Route r = new Route(pattern, ErrorHandler::new);
      java.util.regex.Pattern whole = java.util.regex.Pattern.compile(pattern);
      for (String path : List.of("/static/a.css", "/static/", "/favicon.ico", "/faviconXico",
          "/ac", "/abbbc", "/c", "/abc", "/a", "/b", "/about", "/x", "/xyz", "")) {
        assertEquals(whole.matcher(path).matches(), r.match(path) != null, pattern + " " + path);
      }
    }
  }

  @Test
  void matchesAreTheSameEitherWay() {
    Route plain = new Route("/about", ErrorHandler::new);
    assertSame(plain.match("/about"), plain.match("/about"));
    assertEquals(List.of(), plain.match("/about").args());
    assertNull(plain.match("/about/"));
    assertNull(plain.match("/About"));

    Route quoted = new Route("\\Q/a.b\\E", ErrorHandler::new);
    assertEquals(Map.of(), quoted.match("/a.b").kwargs());
    assertNull(quoted.match("/aXb"));

    Route groups = new Route("/post/([0-9]+)", ErrorHandler::new);
    assertEquals(List.of("42"), groups.match("/post/42").args());
    assertNull(groups.match("/post/x"));
    Route named = new Route("/u/(?<id>[a-z]+)", ErrorHandler::new);
    assertEquals(Map.of("id", "ann"), named.match("/u/ann").kwargs());
  }
}
