package dev.eddy.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.http.AsyncHttpClient;
import dev.eddy.http.HttpRequest;
import dev.eddy.http.HttpResponse;
import dev.eddy.http.HttpServer;
import dev.eddy.http.HttpServerOptions;
import dev.eddy.loop.IOLoop;
import dev.eddy.loop.PollerSelection;
import dev.eddy.loop.spi.PollerProvider;
import dev.eddy.loop.tck.ResourceLeakCheck;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Big hostile-but-legal inputs to the web layer through a real server on one backend, answered
 * right well within the timeout: guards against hangs and quadratic parsing, not speed tests
 * (http's {@code ComplexityCases} holds the HTTP-level ones). A subclass per backend runs them.
 */
@ExtendWith(ResourceLeakCheck.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
abstract class WebComplexityCases {

  abstract String backend();

  IOLoop loop;
  HttpServer server;
  AsyncHttpClient client;

  @BeforeAll
  static void probeBackends() {
    PollerSelection.all().forEach(PollerProvider::isAvailable);
  }

  @BeforeEach
  void open() {
    loop = WebBackends.loop(backend());
    client = new AsyncHttpClient(loop);
  }

  @AfterEach
  void close() {
    if (client != null) {
      client.close();
    }
    if (server != null) {
      server.stop();
      loop.runSync(server::closeAllConnections, Duration.ofSeconds(10));
    }
    if (loop != null) {
      loop.close(true);
    }
  }

  /** Answers with how many cookies it got, the length of {@code q} and the value of {@code o}. */
  static final class CookieCounter extends RequestHandler {
    @Override
    protected Object get() {
      Map<String, String> all = cookies();
      write(all.size() + " " + all.get("q").length() + " " + all.get("o") + " " + all.get("")
          + " " + all.get("c2999"));
      return null;
    }
  }

  @Test
  void aCookieHeaderNearSixtyFourKibOfHostilePieces() throws IOException {
    // Parsed as Tornado's parse_cookie does, in linear time: CVE-2024-7592 was Python's quadratic
    // unquoting of backslashes; a search for '=' from each chunk to the end is quadratic too.
    StringBuilder cookie = new StringBuilder();
    for (int i = 0; i < 3000; i++) {
      cookie.append('c').append(i).append('=').append(i).append("; ");
    }
    cookie.append(";=".repeat(2000)); // empty chunks and empty pairs: skipped
    cookie.append("; noequals".repeat(500)); // a value with the empty name; the last one wins
    cookie.append("; q=\"").append("\\".repeat(16_000)).append('"'); // 8000 after unquoting
    cookie.append("; o=\"\\101\\102\"; ").append("x;".repeat(1000)).append("last");
    assertTrue(cookie.length() > 60_000 && cookie.length() < 64_000, "near 64 KiB");
    server = new Application().add("/c", CookieCounter::new)
        .listen(loop, 0, "127.0.0.1", HttpServerOptions.DEFAULTS);
    String base = "http://127.0.0.1:" + ((InetSocketAddress) server.addresses().get(0)).getPort();
    HttpRequest request = HttpRequest.builder(base + "/c").header("Cookie", cookie.toString())
        .raiseError(false).build();
    HttpResponse r = loop.runSync(() -> client.fetch(request), Duration.ofSeconds(25));
    assertEquals(200, r.code(), r::bodyText);
    assertEquals("3003 8000 AB last 2999", r.bodyText());
  }
}
