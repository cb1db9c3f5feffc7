package dev.eddy.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.loop.IOLoop;
import dev.eddy.loop.PollerSelection;
import dev.eddy.loop.spi.PollerProvider;
import dev.eddy.loop.tck.ResourceLeakCheck;
import dev.eddy.stream.TcpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The response fixtures replayed by a raw server to {@link AsyncHttpClient}, on one backend (a
 * subclass per backend): a hostile response fails the fetch with a 599 {@link
 * HttpClientException} naming what was wrong, never a hang, a loop crash or a leaked socket; a
 * valid one is answered with its status. Fixtures a plain GET cannot receive (answers to HEAD or
 * CONNECT, interim responses alone, and parser-only limits on valid ones) stay with the parser
 * test.
 */
@ExtendWith(ResourceLeakCheck.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
abstract class HostileResponseCases {

  abstract String backend();

  @BeforeAll
  static void probeBackends() {
    PollerSelection.all().forEach(PollerProvider::isAvailable);
  }

  static Stream<Fixture> responses() {
    return Fixture.load("responses", false).stream()
        .filter(HostileResponseCases::replayable);
  }

  private static boolean replayable(Fixture f) {
    String method = f.one("request-method");
    if (method != null && !method.equals("GET")) {
      return false;
    }
    if (!"ok".equals(f.one("status"))) {
      return true;
    }
    String code = f.one("code");
    return f.one("limits") == null && (code == null || !code.startsWith("1"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("responses")
  void theClientAnswersAsTheFixtureSays(Fixture f) throws IOException {
    IOLoop loop = Backends.loop(backend());
    AsyncHttpClient client = new AsyncHttpClient(loop, HttpClientOptions.DEFAULTS.withParams(
        ParserFixtureTest.limits(f.one("limits"), HttpClientOptions.CLIENT_PARAMS)));
    try {
      byte[] response = f.complete();
      // Reads the request's head, answers with the fixture, then closes.
      TcpServer raw = new TcpServer(loop, (stream, peer) -> stream
          .readUntil("\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1))
          .thenCompose(head -> stream.write(response))
          .whenComplete((v, e) -> stream.close()));
      int port = ((InetSocketAddress) raw.listen(0, "127.0.0.1").get(0)).getPort();
      HttpRequest request = HttpRequest.builder("http://127.0.0.1:" + port + "/fixture")
          .raiseError(false).requestTimeout(Duration.ofSeconds(10)).build();
      Object outcome = loop.runSync(() -> client.fetch(request)
          .handle((r, e) -> e == null ? r : e), Duration.ofSeconds(20));
      if ("ok".equals(f.one("status"))) {
        assertTrue(outcome instanceof HttpResponse, f + " failed: " + outcome);
        String code = f.one("code");
        if (code != null) {
          assertEquals(Integer.parseInt(code), ((HttpResponse) outcome).code(), f.toString());
        }
      } else {
        Throwable e = outcome instanceof CompletionException ? ((Throwable) outcome).getCause()
            : (Throwable) outcome;
        assertTrue(e instanceof HttpClientException, f + " gave " + outcome);
        assertEquals(599, ((HttpClientException) e).code(), f + ": " + e);
        // What was wrong, as the parser says it (the live path may meet a size limit while
        // reading, before the parser sees the head, so the fixture's wording is not required).
        assertTrue(e.getCause() instanceof HttpInputException, f + ": " + e.getCause());
        assertTrue(!e.getCause().getMessage().isBlank(), f.toString());
      }
      raw.stop();
    } finally {
      client.close();
      loop.close(true);
    }
  }
}
