package dev.eddy.testing.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.http.HttpResponse;
import dev.eddy.loop.tck.ResourceLeakCheck;
import dev.eddy.testing.ExpectLog;
import dev.eddy.web.Application;
import dev.eddy.web.RequestHandler;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** EddyHttpTest used as a user would, with the descriptor and thread leak check around it. */
@ExtendWith(ResourceLeakCheck.class)
class EddyHttpTestTest extends EddyHttpTest {

  static final class Hello extends RequestHandler {
    @Override
    protected Object get() {
      write("hello " + getArgument("name", "world"));
      return null;
    }
  }

  static final class Echo extends RequestHandler {
    @Override
    protected Object put() {
      write(request().method() + " " + request().headers().get("X-Tag") + " "
          + request().bodyText());
      return null;
    }
  }

  static final class Broken extends RequestHandler {
    @Override
    protected Object get() {
      throw new IllegalStateException("broken on purpose");
    }
  }

  @Override
  protected Application application() {
    return new Application()
        .add("/hello", Hello::new)
        .add("/echo", Echo::new)
        .add("/broken", Broken::new);
  }

  @Test
  void fetchGetsAPath() {
    HttpResponse r = fetch("/hello?name=you");
    assertEquals(200, r.code());
    assertEquals("hello you", r.bodyText());
  }

  @Test
  void fetchTakesMethodHeadersAndBody() {
    HttpResponse r = fetch("/echo", b -> b.method("PUT").header("X-Tag", "t1").body("payload"));
    assertEquals("PUT t1 payload", r.bodyText());
  }

  @Test
  void anErrorStatusIsReturnedNotThrown() {
    try (ExpectLog access = ExpectLog.expect("dev.eddy.web.access", "404 GET /missing")) {
      assertEquals(404, fetch("/missing").code());
    }
  }

  @Test
  void aHandlerExceptionIsA500AndItsLogCanBeExpected() {
    try (ExpectLog uncaught = ExpectLog.expect("dev.eddy.web", "Uncaught exception in");
        ExpectLog access = ExpectLog.expect("dev.eddy.web.access", "500 GET /broken")) {
      assertEquals(500, fetch("/broken").code());
      assertEquals("broken on purpose", uncaught.matched().get(0).throwable().getMessage());
    }
  }

  @Test
  void theServerListensOnAFreeLoopbackPort() {
    InetSocketAddress bound = (InetSocketAddress) httpServer().addresses().get(0);
    assertTrue(bound.getAddress().isLoopbackAddress(), bound.toString());
    assertEquals(bound.getPort(), port());
    assertTrue(port() > 0);
    assertEquals("http://127.0.0.1:" + port() + "/x", url("/x"));
    assertEquals("hello world", fetch(url("/hello")).bodyText(), "an absolute URL too");
  }

  @Test
  void requestsCanRunConcurrentlyThroughTheClient() {
    CompletableFuture<HttpResponse> a = httpClient().fetch(url("/hello?name=a"));
    CompletableFuture<HttpResponse> b = httpClient().fetch(url("/hello?name=b"));
    async().await(CompletableFuture.allOf(a, b));
    assertEquals("hello a", a.join().bodyText());
    assertEquals("hello b", b.join().bodyText());
    assertTrue(loop() == async().loop());
  }
}
