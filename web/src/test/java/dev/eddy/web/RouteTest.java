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
