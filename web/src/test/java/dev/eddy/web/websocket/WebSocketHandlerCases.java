package dev.eddy.web.websocket;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.eddy.http.HttpClientException;
import dev.eddy.http.HttpHeaders;
import dev.eddy.http.HttpServer;
import dev.eddy.http.HttpServerOptions;
import dev.eddy.loop.IOLoop;
import dev.eddy.loop.PollerSelection;
import dev.eddy.loop.spi.PollerProvider;
import dev.eddy.loop.tck.ResourceLeakCheck;
import dev.eddy.testing.ExpectLog;
import dev.eddy.web.Application;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.event.Level;

/**
 * WebSocketHandler on the web routing, talked to by Eddy's client, on one backend: echo, open
 * before messages, close codes both ways, handshake refusals (400, 426, 403), subprotocols.
 */
@ExtendWith(ResourceLeakCheck.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
abstract class WebSocketHandlerCases {

  abstract String backend();

  IOLoop loop;
  HttpServer server;
  String base;
  final CompletableFuture<Integer> serverSawClose = new CompletableFuture<>();

  @BeforeAll
  static void probeBackends() {
    PollerSelection.all().forEach(PollerProvider::isAvailable);
  }

  final class Echo extends WebSocketHandler {
    @Override
    protected CompletionStage<?> open() {
      CompletableFuture<Void> ready = new CompletableFuture<>();
      loop.callLater(Duration.ofMillis(20), () -> {
        writeMessage("welcome");
        ready.complete(null);
      });
      return ready; // no message is delivered before this completes
    }

    @Override
    protected CompletionStage<?> onMessage(Object message) {
      if ("close please".equals(message)) {
        close(4000, "as asked");
        return null;
      }
      return message instanceof String ? writeMessage("echo: " + message)
          : writeMessage((byte[]) message);
    }

    @Override
    protected String selectSubprotocol(List<String> offered) {
      return offered.contains("chat") ? "chat" : null;
    }

    @Override
    protected void onClose() {
      serverSawClose.complete(closeCode());
    }
  }

  @BeforeEach
  void open() throws IOException {
    loop = dev.eddy.web.WebBackends.loop(backend());
    Application app = new Application().add("/ws", Echo::new);
    server = app.listen(loop, 0, "127.0.0.1", HttpServerOptions.DEFAULTS);
    base = "ws://127.0.0.1:" + ((InetSocketAddress) server.addresses().get(0)).getPort();
  }

  @AfterEach
  void close() {
    if (server != null) {
      server.stop();
      loop.runSync(server::closeAllConnections, Duration.ofSeconds(10));
    }
    if (loop != null) {
      loop.close(true);
    }
  }

  <T> T await(CompletionStage<T> f) {
    return loop.runSync(() -> f, Duration.ofSeconds(20));
  }

  /** Expects the access log line of a request for {@code path} answered {@code status}. */
  static ExpectLog accessLogged(int status, String path, Level level) {
    return ExpectLog.expect("dev.eddy.web.access", status + " GET " + path
        + " \\(127\\.0\\.0\\.1\\) ", true, level);
  }

  @Test
  void echoWithOpenFirstAndCloseFromTheClient() {
    WebSocketConnection c;
    // The upgrade is the end of the request: it is in the access log as a 101.
    try (ExpectLog logged = accessLogged(101, "/ws", Level.INFO)) {
      c = await(WebSocket.connect(loop, base + "/ws", WebSocketOptions.DEFAULTS, null,
          List.of("chat"), null));
    }
    assertEquals("chat", c.subprotocol());
    assertEquals("welcome", await(c.readMessage()), "open() ran before any message");
    await(c.writeMessage("hi"));
    assertEquals("echo: hi", await(c.readMessage()));
    byte[] blob = new byte[70_000];
    new java.util.Random(3).nextBytes(blob);
    await(c.writeMessage(blob));
    assertArrayEquals(blob, (byte[]) await(c.readMessage()));
    c.close(1000, "bye");
    assertEquals(1000, await(serverSawClose));
    assertNull(await(c.readMessage()), "null once closed");
  }

  @Test
  void theServerClosesWithACode() {
    WebSocketConnection c = await(WebSocket.connect(loop, base + "/ws", WebSocketOptions.DEFAULTS));
    assertEquals("welcome", await(c.readMessage()));
    await(c.writeMessage("close please"));
    assertNull(await(c.readMessage()));
    assertEquals(4000, c.closeCode());
    assertEquals("as asked", c.closeReason());
  }

  @Test
  void handshakeRefusals() {
    HttpHeaders otherOrigin = new HttpHeaders();
    otherOrigin.set("Origin", "http://evil.example");
    Throwable t = failure(WebSocket.connect(loop, base + "/ws", WebSocketOptions.DEFAULTS,
        otherOrigin, List.of(), null));
    assertInstanceOf(HttpClientException.class, t);
    assertEquals(403, ((HttpClientException) t).code());
    HttpHeaders sameOrigin = new HttpHeaders();
    sameOrigin.set("Origin", "http://" + base.substring("ws://".length()));
    WebSocketConnection ok = await(WebSocket.connect(loop, base + "/ws",
        WebSocketOptions.DEFAULTS, sameOrigin, List.of(), null));
    ok.close(1000, null);
    Throwable missing = failure(WebSocket.connect(loop, base + "/nothing",
        WebSocketOptions.DEFAULTS));
    assertEquals(404, ((HttpClientException) missing).code());
  }

  Throwable failure(CompletableFuture<?> f) {
    CompletionException e = assertThrows(CompletionException.class, () -> await(f.handle(
        (v, x) -> {
          if (x != null) {
            throw x instanceof CompletionException ? (CompletionException) x
                : new CompletionException(x);
          }
          return v;
        })));
    return e.getCause();
  }

  @Test
  void aPlainGetIs400AndAnotherVersionIs426() throws Exception {
    dev.eddy.http.AsyncHttpClient http = new dev.eddy.http.AsyncHttpClient(loop);
    String url = "http" + base.substring(2) + "/ws";
    dev.eddy.http.HttpResponse plain;
    try (ExpectLog logged = accessLogged(400, "/ws", Level.WARN)) {
      plain = await(http.fetch(dev.eddy.http.HttpRequest.builder(url).raiseError(false).build()));
    }
    assertEquals(400, plain.code());
    dev.eddy.http.HttpResponse v8;
    try (ExpectLog logged = accessLogged(426, "/ws", Level.WARN)) {
      v8 = await(http.fetch(dev.eddy.http.HttpRequest.builder(url)
          .header("Upgrade", "websocket").header("Connection", "Upgrade")
          .header("Sec-WebSocket-Key", WebSocketHandshake.newKey())
          .header("Sec-WebSocket-Version", "8").raiseError(false).build()));
    }
    assertEquals(426, v8.code());
    assertEquals("13", v8.header("Sec-WebSocket-Version"));
    http.close();
  }
}
