package dev.eddy.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.loop.IOLoop;
import dev.eddy.loop.PollerSelection;
import dev.eddy.loop.spi.PollerProvider;
import dev.eddy.loop.tck.ResourceLeakCheck;
import dev.eddy.stream.IOStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every request fixture sent to a real HttpServer on one backend: a bad one gets exactly the
 * fixture's status and the connection closes; a good one is answered 200 (a fixture with several
 * requests gets its {@code answers}, in order, and nothing after an error). The peer then ends its
 * side. Afterwards no connection is left open (the server's count) and no descriptor leaked
 * ({@link ResourceLeakCheck}): hostile input never crashes the loop or leaks.
 */
@ExtendWith(ResourceLeakCheck.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
abstract class HostileRequestCases {

  abstract String backend();

  @BeforeAll
  static void probeBackends() {
    PollerSelection.all().forEach(PollerProvider::isAvailable);
  }

  static Stream<Fixture> requests() {
    return Fixture.load("requests", true).stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("requests")
  void answeredAsTheFixtureSays(Fixture f) throws IOException {
    String close = f.one("close");
    assertTrue("yes".equals(close) || "no".equals(close), f + ": '# close: yes|no' is required");
    boolean unfinished = f.unfinished();
    IOLoop loop = Backends.loop(backend());
    try {
      HttpServer server = new HttpServer(loop, req -> req.respond(200, "ok"),
          HttpServerOptions.DEFAULTS.withParams(ParserFixtureTest.limits(f.one("limits"))));
      int port = ((InetSocketAddress) server.listen(0, "127.0.0.1").get(0)).getPort();
      // Kept open: a second request behind the fixture is answered too.
      byte[] message = f.replay("GET / HTTP/1.1\r\nHost: a\r\n\r\n" // within every limit
          .getBytes(StandardCharsets.ISO_8859_1));
      // Only an unfinished head needs the client's half-close to end; every other answer must
      // end with the server closing (close: yes) or after the second request (close: no).
      boolean halfClose = unfinished || close.equals("no");
      byte[] request = message;
      String answer = loop.runSync(() -> IOStream.connect(loop,
          new InetSocketAddress("127.0.0.1", port)).thenCompose(c -> c.write(request)
              .thenCompose(v -> {
                if (halfClose) {
                  try {
                    c.socket().shutdownOutput();
                  } catch (IOException e) {
                    throw new java.util.concurrent.CompletionException(e);
                  }
                }
                return c.readUntilClose();
              })
              .whenComplete((v, e) -> c.close()))
          .thenApply(b -> new String(b, StandardCharsets.ISO_8859_1)), Duration.ofSeconds(20));
      java.util.List<String> finals = Fixture.finalStatuses(answer);
      java.util.List<String> answers = f.answers();
      if (unfinished) {
        assertEquals(f.expectedFinals(), finals, "an unfinished head gets no answer: " + answer);
      } else if (close.equals("no")) {
        assertEquals(f.expectedFinals(), finals, f + " answered: " + answer);
      } else {
        assertEquals(f.expectedFinals(), finals, f + " answered once each, then the server "
            + "closed: " + answer);
        String last = answers.get(answers.size() - 1);
        if (!last.equals("200")) {
          int at = answer.lastIndexOf("HTTP/1.1 " + last + " ");
          assertTrue(answer.indexOf("\r\nConnection: close\r\n", at) > 0, answer);
          String says = f.one("message");
          if (f.bodyStage() && says != null) {
            assertTrue(answer.substring(at).contains(says),
                "the answer should say '" + says + "': " + answer);
          }
        }
      }
      server.stop();
      loop.runSync(server::closeAllConnections, Duration.ofSeconds(10));
      assertEquals(0, server.connectionCount());
    } finally {
      loop.close(true);
    }
  }
}
