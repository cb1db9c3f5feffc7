package dev.eddy.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.eddy.http.HttpResponse;
import dev.eddy.testing.ExpectLog;
import dev.eddy.testing.web.EddyHttpTest;
import dev.eddy.web.Application;
import org.junit.jupiter.api.Test;

/** The README's testing sample: Tornado's AsyncHTTPTestCase, for the hello world. */
// readme:begin http-test
class HelloWorldTest extends EddyHttpTest {

  @Override
  protected Application application() {
    return new Application().add("/", HelloWorld.MainHandler::new);
  }

  @Test
  void saysHello() {
    HttpResponse r = fetch("/");
    assertEquals(200, r.code());
    assertEquals("Hello, world", r.bodyText());
  }

  @Test
  void answersOtherMethods405() {
    assertEquals(405, fetch("/", b -> b.method("PUT").body("x")).code());
  }

  @Test
  void logsAnUnknownPathAs404() {
    try (ExpectLog log = ExpectLog.expect("dev.eddy.web.access", "404 GET /nowhere")) {
      assertEquals(404, fetch("/nowhere").code());
    }
  }
}
// readme:end http-test
