package dev.eddy.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.api.SilentCloseable;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.eddy.loop.IOLoop;
import dev.eddy.loop.PollerSelection;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;

/**
 * A fuzz target of the whole server side of a connection (Jazzer): the input is written to a live
 * {@link HttpServer} (nio, small limits) on one connection, which then shuts down its sending
 * side, and the answer is read until the server closes. The invariant is one answer per request:
 * as many {@code 200}s as the handler saw requests, at most one error answer with a status a
 * server sends for bad input, and nothing after it; and the server always closes (no hang). In
 * {@code mvn verify} it replays its corpus under {@code
 * src/test/resources/dev/eddy/http/ServerFuzzTestInputs/answersEachRequestOnce/} (the request
 * fixtures, and what fuzzing found); {@code JAZZER_FUZZ=1} fuzzes it (README, "Fuzzing").
 */
class ServerFuzzTest {

  private static final HttpParameters LIMITS = HttpParameters.DEFAULTS.withMaxStartLineBytes(256)
      .withMaxHeaderBytes(1024).withMaxHeaderCount(16).withMaxBodySize(4096);
  private static final Set<String> INPUT_ERRORS =
      Set.of("400", "408", "413", "414", "417", "431", "501", "505");
  private static final int READ_TIMEOUT_MILLIS = 10_000;

  private static final AtomicInteger HANDLED = new AtomicInteger();
  private static IOLoop loop;
  private static Thread loopThread;
  private static InetSocketAddress address;

  /** The server, started by the first input: one loop on its own thread for the whole run. */
  private static InetSocketAddress server() throws IOException {
    if (address == null) {
      loop = IOLoop.create(PollerSelection.named("nio"));
      HttpServer server = new HttpServer(loop, req -> {
        HANDLED.incrementAndGet();
        return req.respond(200, ""); // no body: a HEAD's answer and a GET's look the same
      }, HttpServerOptions.DEFAULTS.withParams(LIMITS));
      int port = ((InetSocketAddress) server.listen(0, "127.0.0.1").get(0)).getPort();
      loopThread = new Thread(loop::start, "server-fuzz-loop");
      loopThread.start();
      address = new InetSocketAddress("127.0.0.1", port);
    }
    return address;
  }

  @AfterAll
  static void stopServer() throws InterruptedException {
    if (loop != null) {
      loop.stop();
      loopThread.join(Duration.ofSeconds(10).toMillis());
      loop.close(true);
    }
  }

  @FuzzTest(maxDuration = "5m")
  void answersEachRequestOnce(byte[] input) throws IOException {
    HANDLED.set(0);
    InetSocketAddress server = server();
    String answer;
    // Jazzer's SSRF detector refuses connections while fuzzing; this one goes to our own server.
    try (SilentCloseable allowed = BugDetectors.allowNetworkConnections(
            (host, port) -> port == server.getPort());
        Socket c = new Socket()) {
      c.connect(server, READ_TIMEOUT_MILLIS);
      c.setSoTimeout(READ_TIMEOUT_MILLIS); // the server must close: a timeout fails the input
      c.getOutputStream().write(input);
      c.shutdownOutput();
      answer = new String(c.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    }
    List<String> finals;
    try {
      finals = Fixture.finalStatuses(answer);
    } catch (IllegalArgumentException e) {
      throw new AssertionError("not a sequence of whole answers: " + answer, e);
    }
    int ok = 0;
    for (int i = 0; i < finals.size(); i++) {
      String status = finals.get(i);
      if (status.equals("200")) {
        ok++;
      } else {
        assertTrue(INPUT_ERRORS.contains(status), "status " + status + ": " + answer);
        assertEquals(finals.size() - 1, i, "an answer after the error answer: " + answer);
      }
    }
    assertEquals(HANDLED.get(), ok, "one 200 per request the handler saw: " + answer);
  }
}
