package dev.eddy.examples.proxy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.eddy.examples.Served;
import dev.eddy.http.AsyncHttpClient;
import dev.eddy.http.HttpClient;
import dev.eddy.http.HttpRequest;
import dev.eddy.http.HttpResponse;
import dev.eddy.web.Application;
import dev.eddy.web.RequestHandler;
import dev.eddy.web.Settings;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The proxy against an Eddy upstream: what passes, what is dropped, pooling and the errors. */
class ProxyTest {

  private static final int PIECE = 64 * 1024;
  private static final int PIECES = 64;                     // 4 MiB

  private Served upstream;
  private Served proxy;
  private HttpClient http;

  static byte[] piece(int i) {
    byte[] b = new byte[PIECE];
    java.util.Arrays.fill(b, (byte) ('a' + i % 26));
    return b;
  }

  /** Writes the pieces one flush at a time, as a large streamed answer. */
  static final class BigHandler extends RequestHandler {
    @Override
    protected Object get() {
      return send(0);
    }

    private CompletionStage<Void> send(int i) {
      if (i == PIECES) {
        return CompletableFuture.completedFuture(null);
      }
      write(piece(i));
      return flush().thenCompose(v -> send(i + 1));
    }
  }

  static Application upstreamApp() {
    return new Application(Settings.DEFAULTS)
        .get("/hello", ctx -> {
          ctx.setHeader("X-Upstream", "yes");
          return "hello " + ctx.getArgument("who", "world");
        })
        .add("/big", BigHandler::new)
        .post("/echo", ctx -> Map.of(
            "body", ctx.request().bodyText(),
            "forwardedFor", String.valueOf(ctx.header("X-Forwarded-For")),
            "forwardedHost", String.valueOf(ctx.header("X-Forwarded-Host")),
            "custom", String.valueOf(ctx.header("X-Custom")),
            "hopByHop", String.valueOf(ctx.header("X-Hop"))))
        .get("/teapot", ctx -> {
          ctx.setStatus(418, "I'm a teapot");
          return "short and stout";
        })
        .get("/moved", ctx -> {
          ctx.redirect("/hello", false);
          return null;
        })
        .get("/port", ctx -> Integer.toString(
            ((InetSocketAddress) ctx.request().remoteAddress()).getPort()))
        .get("/never", ctx -> new CompletableFuture<>());
  }

  @BeforeEach
  void start() throws Exception {
    upstream = new Served(loop -> upstreamApp());
    http = new HttpClient();
  }

  private String proxyTo(String target, Duration timeout) throws Exception {
    proxy = new Served(loop -> ProxyApp.create(target, new AsyncHttpClient(loop), timeout));
    return proxy.url();
  }

  @AfterEach
  void stop() {
    http.close();
    if (proxy != null) {
      proxy.close();
    }
    upstream.close();
  }

  private HttpResponse fetch(HttpRequest.Builder request) throws Exception {
    return http.fetch(request.raiseError(false).followRedirects(false).build());
  }

  @Test
  void answersPassThroughWithTheirStatusHeadersAndBody() throws Exception {
    String url = proxyTo(upstream.url(), Duration.ofSeconds(10));
    HttpResponse hello = fetch(HttpRequest.builder(url + "/hello?who=proxy"));
    assertEquals(200, hello.code());
    assertEquals("hello proxy", hello.bodyText());
    assertEquals("yes", hello.header("X-Upstream"));

    HttpResponse teapot = fetch(HttpRequest.builder(url + "/teapot"));
    assertEquals(418, teapot.code());
    assertEquals("I'm a teapot", teapot.reason());
    assertEquals("short and stout", teapot.bodyText());

    HttpResponse moved = fetch(HttpRequest.builder(url + "/moved"));
    assertEquals(302, moved.code(), "a redirect is the client's business, not followed");
    assertEquals("/hello", moved.header("Location"));
  }

  @Test
  void aLargeStreamedAnswerArrivesWhole() throws Exception {
    String url = proxyTo(upstream.url(), Duration.ofSeconds(30));
    byte[] body = fetch(HttpRequest.builder(url + "/big")).body();
    assertEquals(PIECE * PIECES, body.length);
    for (int i = 0; i < PIECES; i++) {
      assertArrayEquals(piece(i), java.util.Arrays.copyOfRange(body, i * PIECE, (i + 1) * PIECE),
          "piece " + i);
    }
  }

  @Test
  void requestBodiesAndEndToEndFieldsGoUpHopByHopOnesDoNot() throws Exception {
    String url = proxyTo(upstream.url(), Duration.ofSeconds(10));
    HttpResponse r = fetch(HttpRequest.builder(url + "/echo").method("POST").body("ping")
        .header("X-Custom", "kept").header("X-Hop", "dropped").header("Connection", "X-Hop"));
    assertEquals(200, r.code(), r.bodyText());
    String json = r.bodyText();
    assertContains(json, "\"body\":\"ping\"");
    assertContains(json, "\"forwardedFor\":\"127.0.0.1\"");
    assertContains(json, "\"custom\":\"kept\"");
    assertContains(json, "\"hopByHop\":\"null\"");
    assertNull(r.header("Content-Length") != null && r.header("Transfer-Encoding") != null
        ? "both" : null, "one framing only");
  }

  private static void assertContains(String text, String part) {
    if (!text.contains(part)) {
      throw new AssertionError("expected " + part + " in " + text);
    }
  }

  @Test
  void upstreamConnectionsAreReused() throws Exception {
    String url = proxyTo(upstream.url(), Duration.ofSeconds(10));
    Set<String> ports = new HashSet<>();
    for (int i = 0; i < 10; i++) {
      ports.add(fetch(HttpRequest.builder(url + "/port")).bodyText());
    }
    assertEquals(1, ports.size(), "ten requests in a row should share one upstream connection: "
        + ports);
  }

  @Test
  void anUnreachableUpstreamIs502AndASilentOneIs504() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }
    String url = proxyTo("http://127.0.0.1:" + closedPort, Duration.ofSeconds(10));
    assertEquals(502, fetch(HttpRequest.builder(url + "/hello")).code());
    proxy.close();

    url = proxyTo(upstream.url(), Duration.ofMillis(300));
    assertEquals(504, fetch(HttpRequest.builder(url + "/never")).code());
  }

  @Test
  void aBadUpstreamIsRejectedUpFront() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ProxyApp.create("ftp://x/", null, Duration.ofSeconds(1)));
    assertEquals("the upstream must be http(s)://host[:port] without a path, got 'ftp://x/'",
        e.getMessage());
  }
}
