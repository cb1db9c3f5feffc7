package dev.eddy.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.eddy.loop.IOLoop;
import dev.eddy.loop.PollerSelection;
import dev.eddy.loop.spi.PollerProvider;
import dev.eddy.loop.tck.ResourceLeakCheck;
import dev.eddy.stream.IOStream;
import dev.eddy.stream.OverrideResolver;
import dev.eddy.stream.Resolver;
import dev.eddy.stream.SslIOStream;
import dev.eddy.stream.TcpServer;
import dev.eddy.stream.TlsOptions;
import dev.eddy.testing.ExpectLog;
import dev.eddy.testing.SelfSignedCertificate;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.zip.GZIPOutputStream;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.event.Level;

/**
 * AsyncHttpClient against an in-process HttpServer on one backend: bodies and framing both ways,
 * redirects, gzip, callbacks with back-pressure, auth, timeouts, the queue, the keep-alive pool
 * and its retry, errors, HTTPS. A subclass per backend runs them; the loop is driven in
 * Tornado's gen_test style ({@link #await}).
 */
@ExtendWith(ResourceLeakCheck.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
abstract class ClientCases {

  abstract String backend();

  IOLoop loop;
  HttpServer server;
  String base;
  AsyncHttpClient client;
  final List<AsyncHttpClient> clients = new ArrayList<>();
  final List<TcpServer> servers = new ArrayList<>();
  /** What /slow saw: the order of arrival, and the most requests it had at once. */
  final List<String> arrivals = new ArrayList<>();
  int inProgress;
  int maxInProgress;

  @BeforeAll
  static void probeBackendsAndMakeCertificates() {
    PollerSelection.all().forEach(PollerProvider::isAvailable);
    SelfSignedCertificate.get();
  }

  @BeforeEach
  void open() throws IOException {
    loop = Backends.loop(backend());
    server = startServer(HttpServerOptions.DEFAULTS);
    base = "http://127.0.0.1:" + port(server);
    client = newClient(HttpClientOptions.DEFAULTS);
  }

  @AfterEach
  void close() {
    if (loop == null) {
      return;
    }
    clients.forEach(AsyncHttpClient::close);
    for (TcpServer s : servers) {
      s.stop();
      if (s instanceof HttpServer) {
        await(((HttpServer) s).closeAllConnections());
      }
    }
    loop.close(true);
  }

  // ------------------------------------------------------------------------------- helpers

  AsyncHttpClient newClient(HttpClientOptions options) {
    AsyncHttpClient c = new AsyncHttpClient(loop, options);
    clients.add(c);
    return c;
  }

  HttpServer startServer(HttpServerOptions options) throws IOException {
    HttpServer s = new HttpServer(loop, this::handle, options);
    s.listen(0, "127.0.0.1");
    servers.add(s);
    return s;
  }

  static int port(TcpServer s) {
    return ((InetSocketAddress) s.addresses().get(0)).getPort();
  }

  <T> T await(CompletionStage<T> f) {
    return loop.runSync(() -> f, Duration.ofSeconds(20));
  }

  HttpResponse fetch(HttpRequest r) {
    return fetch(client, r);
  }

  HttpResponse fetch(AsyncHttpClient c, HttpRequest r) {
    return loop.runSync(() -> c.fetch(r), Duration.ofSeconds(20));
  }

  HttpResponse get(String path) {
    return fetch(HttpRequest.get(base + path));
  }

  /** The error a fetch fails with. */
  HttpClientException failure(AsyncHttpClient c, HttpRequest r) {
    try {
      HttpResponse unexpected = fetch(c, r);
      return fail("expected an error, got " + unexpected);
    } catch (CompletionException e) {
      assertTrue(e.getCause() instanceof HttpClientException, () -> "not an HttpClientException: "
          + e.getCause());
      return (HttpClientException) e.getCause();
    }
  }

  HttpClientException failure(HttpRequest r) {
    return failure(client, r);
  }

  /** Completes after {@code d} of loop time: waiting without sleeping. */
  CompletableFuture<Void> later(Duration d) {
    CompletableFuture<Void> f = new CompletableFuture<>();
    loop.callLater(d, () -> f.complete(null));
    return f;
  }

  /**
   * Runs the loop until {@code condition} holds (checked every few milliseconds on the loop), for
   * at most {@code max}: waiting for something the loop does by itself, without sleeping.
   */
  void awaitCondition(BooleanSupplier condition, Duration max) {
    LoopConditions.awaitCondition(loop, condition, max);
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    }
    return out.toByteArray();
  }

  static final String GZIP_TEXT = "hello gzip, ".repeat(2000);

  static String arg(HttpServerRequest r, String name, String otherwise) {
    List<String> v = r.queryArguments().get(name);
    return v == null || v.isEmpty() ? otherwise : v.get(0);
  }

  /** The test server's routes. */
  CompletionStage<?> handle(HttpServerRequest req) throws IOException {
    HttpHeaders h = new HttpHeaders();
    switch (req.path()) {
      case "/hello":
        return req.respond(200, "hello");
      case "/echo": {
        h.set("X-Method", req.method());
        String te = req.headers().get("Transfer-Encoding");
        String cl = req.headers().get("Content-Length");
        h.set("X-Framing", te != null ? te : cl != null ? "length " + cl : "none");
        return req.respond(200, h, req.body());
      }
      case "/headers": {
        StringBuilder sb = new StringBuilder();
        for (HttpHeaders.Field f : req.headers()) {
          sb.append(f.name().toLowerCase(Locale.ROOT)).append(": ").append(f.value())
              .append('\n');
        }
        return req.respond(200, sb.toString());
      }
      case "/port":
        return req.respond(200, String.valueOf(
            ((InetSocketAddress) req.remoteAddress()).getPort()));
      case "/chunked":
        return req.writeHead(200, h)
            .thenCompose(v -> req.write("part1-".getBytes(StandardCharsets.US_ASCII)))
            .thenCompose(v -> req.write("part2-".getBytes(StandardCharsets.US_ASCII)))
            .thenCompose(v -> req.write("part3".getBytes(StandardCharsets.US_ASCII)))
            .thenCompose(v -> req.finish());
      case "/status": {
        int code = Integer.parseInt(arg(req, "code", "200"));
        return req.respond(code, h, code == 404 ? "not here".getBytes(StandardCharsets.UTF_8)
            : new byte[0]);
      }
      case "/redirect": {
        h.set("Location", arg(req, "to", "/hello"));
        return req.respond(Integer.parseInt(arg(req, "code", "302")), h,
            "moved".getBytes(StandardCharsets.US_ASCII));
      }
      case "/loop":
        h.set("Location", "/loop");
        return req.respond(302, h, new byte[0]);
      case "/gzip":
        h.set("Content-Encoding", "gzip");
        h.set("Content-Type", "text/plain; charset=utf-8");
        return req.respond(200, h, gzip(GZIP_TEXT.getBytes(StandardCharsets.UTF_8)));
      case "/bomb":
        h.set("Content-Encoding", "gzip");
        return req.respond(200, h, gzip(new byte[4 * 1024 * 1024]));
      case "/stream": {
        int n = Integer.parseInt(arg(req, "n", "8"));
        int size = Integer.parseInt(arg(req, "size", "1024"));
        CompletableFuture<Void> f = req.writeHead(200, h);
        for (int i = 0; i < n; i++) {
          byte[] piece = new byte[size];
          Arrays.fill(piece, (byte) ('a' + i % 26));
          f = f.thenCompose(v -> req.write(piece));
        }
        return f.thenCompose(v -> req.finish());
      }
      case "/never":
        return new CompletableFuture<Void>(); // never answers
      case "/slow": {
        arrivals.add(arg(req, "id", "?"));
        maxInProgress = Math.max(maxInProgress, ++inProgress);
        return later(Duration.ofMillis(30)).thenCompose(v -> {
          inProgress--;
          return req.respond(200, "slow " + arg(req, "id", "?"));
        });
      }
      default:
        return req.respond(404, "no route\n");
    }
  }

  // ---------------------------------------------------------------------- bodies and framing

  @Test
  void getReturnsStatusHeadersAndBody() {
    HttpResponse r = get("/hello");
    assertEquals(200, r.code());
    assertEquals("OK", r.reason());
    assertEquals("hello", r.bodyText());
    assertEquals("5", r.header("Content-Length"));
    assertEquals(base + "/hello", r.effectiveUrl());
    assertNull(r.error());
    assertTrue(r.requestTime().toNanos() > 0);
    assertEquals(HttpRequest.get(base + "/hello").url(), r.request().url());
  }

  @Test
  void postAndPutSendTheirBodiesWithALength() {
    HttpResponse r = fetch(HttpRequest.post(base + "/echo", "posted"));
    assertEquals("POST", r.header("X-Method"));
    assertEquals("length 6", r.header("X-Framing"));
    assertEquals("posted", r.bodyText());

    byte[] big = new byte[1_000_000];
    new Random(1).nextBytes(big);
    r = fetch(HttpRequest.builder(base + "/echo").method("PUT").body(big).build());
    assertEquals("PUT", r.header("X-Method"));
    assertArrayEquals(big, r.body());

    r = fetch(HttpRequest.builder(base + "/echo").method("PATCH").body(new byte[0]).build());
    assertEquals("length 0", r.header("X-Framing"));
  }

  @Test
  void aGetIsSentWithoutBodyFraming() {
    HttpResponse r = get("/echo");
    assertEquals("GET", r.header("X-Method"));
    assertEquals("none", r.header("X-Framing"));
  }

  @Test
  void aChunkedResponseIsDechunked() {
    HttpResponse r = get("/chunked");
    assertEquals("chunked", r.header("Transfer-Encoding"));
    assertEquals("part1-part2-part3", r.bodyText());
  }

  @Test
  void aBodyProducerSendsAChunkedRequest() {
    List<String> parts = List.of("one,", "two,", "three");
    HttpRequest req = HttpRequest.builder(base + "/echo").method("PUT").bodyProducer(write -> {
      CompletableFuture<Void> f = CompletableFuture.completedFuture(null);
      for (String p : parts) {
        f = f.thenCompose(v -> later(Duration.ofMillis(5)))
            .thenCompose(v -> write.write(p.getBytes(StandardCharsets.US_ASCII)));
      }
      return f;
    }).build();
    HttpResponse r = fetch(req);
    assertEquals("chunked", r.header("X-Framing"));
    assertEquals("one,two,three", r.bodyText());
  }

  @Test
  void aBodyProducerWithAContentLengthIsNotChunked() {
    HttpRequest req = HttpRequest.builder(base + "/echo").method("POST")
        .header("Content-Length", "4")
        .bodyProducer(write -> write.write("abcd".getBytes(StandardCharsets.US_ASCII))).build();
    HttpResponse r = fetch(req);
    assertEquals("length 4", r.header("X-Framing"));
    assertEquals("abcd", r.bodyText());
  }

  @Test
  void aFailingBodyProducerFailsTheFetch() {
    HttpRequest req = HttpRequest.builder(base + "/echo").method("POST").bodyProducer(write -> {
      throw new IllegalStateException("no data today");
    }).build();
    HttpClientException e = failure(req);
    assertEquals(599, e.code());
    assertTrue(e.getCause() instanceof IllegalStateException, String.valueOf(e.getCause()));
  }

  @Test
  void headHasNoBody() {
    HttpResponse r = fetch(HttpRequest.builder(base + "/hello").method("HEAD").build());
    assertEquals(200, r.code());
    assertEquals("5", r.header("Content-Length"));
    assertEquals(0, r.bodyLength());
    // The connection stays usable: the next response is read correctly.
    assertEquals("hello", get("/hello").bodyText());
    assertEquals(1, server.connectionCount());
  }

  @Test
  void noContentAndNotModifiedHaveNoBody() {
    HttpResponse r = get("/status?code=204");
    assertEquals(204, r.code());
    assertEquals(0, r.bodyLength());
    HttpClientException e = failure(HttpRequest.get(base + "/status?code=304"));
    assertEquals(304, e.code());
    r = fetch(HttpRequest.builder(base + "/status?code=304").raiseError(false).build());
    assertEquals(304, r.code());
    assertEquals(0, r.bodyLength());
    assertEquals(304, r.error().code());
    assertEquals("hello", get("/hello").bodyText());
  }

  // ------------------------------------------------------------------------------- redirects

  @Test
  void redirect303MakesAPostAGet() {
    HttpResponse r = fetch(HttpRequest.post(base + "/redirect?code=303&to=/echo", "payload"));
    assertEquals(200, r.code());
    assertEquals("GET", r.header("X-Method"));
    assertEquals("none", r.header("X-Framing"));
    assertEquals("", r.bodyText());
    assertEquals(base + "/echo", r.effectiveUrl());
    assertEquals("POST", r.request().method());
  }

  @Test
  void redirect301And302MakeAPostAGet() {
    for (int code : new int[] {301, 302}) {
      HttpResponse r = fetch(HttpRequest.post(base + "/redirect?code=" + code + "&to=/echo",
          "payload"));
      assertEquals("GET", r.header("X-Method"), "after " + code);
      assertEquals("", r.bodyText());
    }
  }

  @Test
  void redirect307And308KeepTheMethodAndBody() {
    for (int code : new int[] {307, 308}) {
      HttpResponse r = fetch(HttpRequest.post(base + "/redirect?code=" + code + "&to=/echo",
          "payload"));
      assertEquals("POST", r.header("X-Method"), "after " + code);
      assertEquals("payload", r.bodyText());
    }
  }

  @Test
  void aRelativeLocationIsResolved() {
    HttpResponse r = get("/redirect?code=302&to=" + enc("hello"));
    assertEquals("hello", r.bodyText());
    assertEquals(base + "/hello", r.effectiveUrl());
  }

  @Test
  void tooManyRedirectsFailWithTheLastResponse() {
    HttpClientException e = failure(HttpRequest.builder(base + "/loop").maxRedirects(2).build());
    assertEquals(302, e.code());
    assertNotNull(e.response());
    assertEquals(302, e.response().code());
    assertEquals("/loop", e.response().header("Location"));
    assertEquals(base + "/loop", e.response().effectiveUrl());

    HttpResponse r = fetch(HttpRequest.builder(base + "/redirect?code=302&to=/hello")
        .followRedirects(false).raiseError(false).build());
    assertEquals(302, r.code());
    assertEquals("moved", r.bodyText());
  }

  @Test
  void aRedirectToAnotherOriginDropsAuthorizationAndCookie() throws IOException {
    HttpServer other = startServer(HttpServerOptions.DEFAULTS);
    String elsewhere = "http://127.0.0.1:" + port(other) + "/headers";
    HttpRequest.Builder b = HttpRequest.builder(base + "/redirect?code=302&to=" + enc(elsewhere))
        .auth("user", "secret").header("Cookie", "session=1").header("X-Kept", "yes");
    String seen = fetch(b.build()).bodyText();
    assertFalse(seen.contains("authorization:"), seen);
    assertFalse(seen.contains("cookie:"), seen);
    assertTrue(seen.contains("x-kept: yes"), seen);
    assertTrue(seen.contains("host: 127.0.0.1:" + port(other)), seen);

    // The same origin keeps them.
    seen = fetch(b.url(base + "/redirect?code=302&to=/headers").build()).bodyText();
    assertTrue(seen.contains("authorization: Basic "), seen);
    assertTrue(seen.contains("cookie: session=1"), seen);
  }

  @Test
  void aRedirectToAnotherSchemeIsRefused() {
    HttpClientException e = failure(HttpRequest.get(base + "/redirect?code=302&to="
        + enc("ftp://example.com/file")));
    assertEquals(599, e.code());
    assertTrue(e.reason().contains("ftp"), e.reason());
    assertNull(e.response());
  }

  // ------------------------------------------------------------------------------------ gzip

  @Test
  void aGzipResponseIsDecompressed() {
    HttpResponse r = fetch(HttpRequest.get(base + "/gzip"));
    assertEquals(GZIP_TEXT, r.bodyText());
    assertEquals("gzip", r.header("X-Consumed-Content-Encoding"));
    assertNull(r.header("Content-Encoding"));
    assertTrue(get("/headers").bodyText().contains("accept-encoding: gzip"));
  }

  @Test
  void withoutDecompressTheBodyStaysCompressed() {
    HttpResponse r = fetch(HttpRequest.builder(base + "/gzip").decompress(false).build());
    assertEquals("gzip", r.header("Content-Encoding"));
    assertEquals(0x1f, r.body()[0] & 0xff);
    assertEquals(0x8b, r.body()[1] & 0xff);
    String seen = fetch(HttpRequest.builder(base + "/headers").decompress(false).build())
        .bodyText();
    assertFalse(seen.contains("accept-encoding"), seen);
  }

  @Test
  void theDecompressedSizeIsBounded() {
    AsyncHttpClient small = newClient(HttpClientOptions.DEFAULTS.withMaxBodySize(1024 * 1024));
    HttpClientException e = failure(small, HttpRequest.get(base + "/bomb"));
    assertEquals(599, e.code());
    assertEquals("Decompressed body larger than 1048576 bytes", e.reason());
    assertEquals(0, small.idleConnectionCount(), "the connection is not reused");
    assertEquals("hello", fetch(small, HttpRequest.get(base + "/hello")).bodyText());
  }

  @Test
  void aPlainBodyOverTheLimitFailsTheFetch() {
    AsyncHttpClient small = newClient(HttpClientOptions.DEFAULTS.withMaxBodySize(1024 * 1024));
    // Announced by Content-Length: refused from the head, before the body is read.
    HttpClientException byLength = failure(small, HttpRequest.builder(base + "/echo")
        .method("POST").body(new byte[2 * 1024 * 1024]).build());
    assertEquals(599, byLength.code());
    assertTrue(byLength.getCause().getMessage().contains("larger than 1048576"),
        String.valueOf(byLength.getCause()));
    // Chunked, without a length: refused once the pieces pass the limit.
    HttpClientException byChunks = failure(small,
        HttpRequest.get(base + "/stream?n=32&size=65536"));
    assertEquals(599, byChunks.code());
    assertTrue(byChunks.getCause().getMessage().contains("larger than 1048576"),
        String.valueOf(byChunks.getCause()));
    assertEquals(0, small.idleConnectionCount(), "neither connection is reused");
    assertEquals("hello", fetch(small, HttpRequest.get(base + "/hello")).bodyText());
  }

  // ------------------------------------------------------------------------------- callbacks

  @Test
  void theStreamingCallbackGetsTheBodyWithBackPressure() {
    int n = 32;
    int size = 64 * 1024;
    boolean[] busy = {false};
    long[] total = {0};
    int[] calls = {0};
    HttpRequest req = HttpRequest.builder(base + "/stream?n=" + n + "&size=" + size)
        .streamingCallback(chunk -> {
          assertFalse(busy[0], "called again before its stage completed");
          busy[0] = true;
          calls[0]++;
          total[0] += chunk.length;
          return later(Duration.ofMillis(1)).thenRun(() -> busy[0] = false);
        }).build();
    HttpResponse r = fetch(req);
    assertEquals(200, r.code());
    assertEquals(0, r.bodyLength(), "a streamed body is not collected");
    assertEquals((long) n * size, total[0]);
    assertTrue(calls[0] >= n, "calls: " + calls[0]);
  }

  @Test
  void theStreamingCallbackGetsDecompressedData() {
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    HttpResponse r = fetch(HttpRequest.builder(base + "/gzip").streamingCallback(chunk -> {
      got.write(chunk, 0, chunk.length);
      return null;
    }).build());
    assertEquals(0, r.bodyLength());
    assertEquals(GZIP_TEXT, got.toString(StandardCharsets.UTF_8));
  }

  @Test
  void theHeaderCallbackComesFirstAndCanHoldTheBody() {
    CompletableFuture<Void> held = new CompletableFuture<>();
    List<String> events = new ArrayList<>();
    HttpRequest req = HttpRequest.builder(base + "/redirect?code=302&to=/chunked")
        .headerCallback((line, headers) -> {
          events.add("head " + line.code() + " " + headers.get("Transfer-Encoding"));
          loop.callLater(Duration.ofMillis(20), () -> {
            events.add("released");
            held.complete(null);
          });
          return held;
        })
        .streamingCallback(chunk -> {
          events.add("data " + new String(chunk, StandardCharsets.US_ASCII));
          return null;
        }).build();
    fetch(req);
    assertEquals("head 200 chunked", events.get(0), "not called for the redirect: " + events);
    assertEquals("released", events.get(1));
    assertEquals("part1-part2-part3", String.join("", events.subList(2, events.size()))
        .replace("data ", ""));
  }

  @Test
  void aFailingStreamingCallbackFailsTheFetch() {
    HttpClientException e = failure(HttpRequest.builder(base + "/chunked")
        .streamingCallback(chunk -> {
          throw new IOException("disk full");
        }).build());
    assertEquals(599, e.code());
    assertEquals("disk full", e.reason());
  }

  // ------------------------------------------------------------------- auth and user agent

  @Test
  void basicAuthFromTheRequestOrTheUrl() {
    String seen = fetch(HttpRequest.builder(base + "/headers").auth("Aladdin", "open sesame")
        .build()).bodyText();
    assertTrue(seen.contains("authorization: Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ=="), seen);
    seen = fetch(HttpRequest.get(base.replace("http://", "http://Aladdin:open%20sesame@")
        + "/headers")).bodyText();
    assertTrue(seen.contains("authorization: Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ=="), seen);
  }

  @Test
  void theUserAgentAndHostAreSent() {
    String seen = get("/headers").bodyText();
    assertTrue(seen.contains("user-agent: Eddy/0.1\n"), seen);
    assertTrue(seen.contains("host: " + base.substring("http://".length()) + "\n"), seen);
    seen = fetch(HttpRequest.builder(base + "/headers").userAgent("probe/2").build()).bodyText();
    assertTrue(seen.contains("user-agent: probe/2\n"), seen);
    AsyncHttpClient other = newClient(HttpClientOptions.DEFAULTS.withUserAgent("other/3"));
    seen = fetch(other, HttpRequest.get(base + "/headers")).bodyText();
    assertTrue(seen.contains("user-agent: other/3\n"), seen);
  }

  @Test
  void badRequestsAreRefusedBeforeAnythingIsSent() {
    HttpRequest.Builder b = HttpRequest.builder(base + "/hello");
    assertThrows(IllegalArgumentException.class, () -> b.header("X-Evil", "a\r\nInjected: 1"));
    assertThrows(IllegalArgumentException.class, () -> b.header("Bad Name", "x"));
    assertThrows(IllegalArgumentException.class, () -> b.addHeader("X", "nul\0"));
    assertThrows(IllegalArgumentException.class,
        () -> HttpRequest.builder(base).method("GET").body("x").build());
    assertThrows(IllegalArgumentException.class,
        () -> HttpRequest.builder(base).method("POST").build());
    assertThrows(IllegalArgumentException.class,
        () -> HttpRequest.builder(base).method("GE T").build());
    assertThrows(IllegalArgumentException.class, () -> HttpRequest.get("ftp://example.com/"));
    assertThrows(IllegalArgumentException.class, () -> HttpRequest.get("http:///nohost"));
    assertThrows(IllegalArgumentException.class,
        () -> HttpRequest.builder(base).userAgent("a\nb").build());
    HttpRequest odd = HttpRequest.builder(base + "/echo").method("DELETE").body("x")
        .allowNonstandardMethods(true).build();
    assertEquals("DELETE", fetch(odd).header("X-Method"));
  }

  // -------------------------------------------------------------------------------- timeouts

  @Test
  void aConnectToABlackHoleTimesOut() throws IOException {
    // A loopback listener that never accepts, its accept queue filled: the kernel then drops
    // further SYNs, so a connect gets no answer at all, as from a firewalled host.
    java.util.List<java.net.Socket> fillers = new java.util.ArrayList<>();
    try (java.net.ServerSocket hole = new java.net.ServerSocket(0, 1,
        java.net.InetAddress.getLoopbackAddress())) {
      java.net.InetSocketAddress at = new java.net.InetSocketAddress(
          java.net.InetAddress.getLoopbackAddress(), hole.getLocalPort());
      for (int i = 0; i < 16; i++) {
        java.net.Socket s = new java.net.Socket();
        fillers.add(s);
        try {
          s.connect(at, 200);
        } catch (java.net.SocketTimeoutException full) {
          break; // the queue is full: SYNs are dropped from here on
        }
      }
      AsyncHttpClient c = newClient(HttpClientOptions.DEFAULTS);
      HttpClientException e = failure(c, HttpRequest.builder("http://127.0.0.1:"
          + hole.getLocalPort() + "/").connectTimeout(Duration.ofMillis(300)).build());
      assertEquals(599, e.code());
      assertEquals("Timeout while connecting", e.reason());
      assertEquals(0, c.activeCount());
    } finally {
      for (java.net.Socket s : fillers) {
        s.close();
      }
    }
  }

  @Test
  void aNameThatDoesNotResolveFailsWithTheResolversError() {
    Resolver none = (host, port, family) -> CompletableFuture.failedFuture(
        new java.net.UnknownHostException(host + ": Name or service not known"));
    AsyncHttpClient c = newClient(HttpClientOptions.DEFAULTS.withResolver(none));
    HttpClientException e = failure(c, HttpRequest.get("http://nowhere.invalid/"));
    assertEquals(599, e.code());
    assertTrue(e.getCause() instanceof java.net.UnknownHostException, String.valueOf(e.getCause()));
    assertTrue(e.getCause().getMessage().contains("nowhere.invalid"), e.getCause().getMessage());
    assertEquals(0, c.activeCount());
  }

  @Test
  void aConnectThatTakesTooLongTimesOut() {
    Resolver never = (host, port, family) -> new CompletableFuture<>();
    AsyncHttpClient c = newClient(HttpClientOptions.DEFAULTS.withResolver(never));
    HttpClientException e = failure(c, HttpRequest.builder("http://stuck.example/")
        .connectTimeout(Duration.ofMillis(200)).build());
    assertEquals(599, e.code());
    assertEquals("Timeout while connecting", e.reason());
    assertTrue(e.getCause() instanceof TimeoutException, String.valueOf(e.getCause()));
    assertEquals(0, c.activeCount());
  }

  @Test
  void aRequestWithoutAnswerTimesOut() {
    HttpClientException e = failure(HttpRequest.builder(base + "/never")
        .requestTimeout(Duration.ofMillis(300)).build());
    assertEquals(599, e.code());
    assertEquals("Timeout during request", e.reason());
    assertEquals("HTTP 599: Timeout during request", e.getMessage());
    assertEquals(0, client.activeCount());
    assertEquals(0, client.idleConnectionCount());
  }

  // ------------------------------------------------------------------------------ the queue

  @Test
  void requestsBeyondMaxClientsWaitInOrder() {
    AsyncHttpClient one = newClient(HttpClientOptions.DEFAULTS.withMaxClients(1));
    List<String> bodies = loop.runSync(() -> {
      List<CompletableFuture<HttpResponse>> all = new ArrayList<>();
      for (int i = 1; i <= 4; i++) {
        all.add(one.fetch(HttpRequest.get(base + "/slow?id=" + i)));
      }
      assertEquals(1, one.activeCount());
      assertEquals(3, one.queuedCount());
      return CompletableFuture.allOf(all.toArray(new CompletableFuture<?>[0]))
          .thenApply(v -> all.stream().map(f -> f.join().bodyText()).toList());
    }, Duration.ofSeconds(20));
    assertEquals(List.of("1", "2", "3", "4"), arrivals);
    assertEquals(1, maxInProgress);
    assertEquals(List.of("slow 1", "slow 2", "slow 3", "slow 4"), bodies);
  }

  @Test
  void aRequestTimesOutInTheQueue() {
    AsyncHttpClient one = newClient(HttpClientOptions.DEFAULTS.withMaxClients(1));
    CompletableFuture<HttpResponse> blocker = one.fetch(HttpRequest.get(base + "/never"));
    HttpClientException e = failure(one, HttpRequest.builder(base + "/hello")
        .requestTimeout(Duration.ofMillis(200)).build());
    assertEquals("Timeout in request queue", e.reason());
    assertEquals(0, one.queuedCount());
    assertFalse(blocker.isDone());
    one.close();
    HttpClientException closed = assertThrows(CompletionException.class,
        () -> await(blocker)).getCause() instanceof HttpClientException x ? x : null;
    assertNotNull(closed);
    assertEquals("Client closed", closed.reason());
  }

  // ------------------------------------------------------------------------------- the pool

  @Test
  void sequentialRequestsReuseOneConnection() {
    String first = get("/port").bodyText();
    assertEquals(1, client.idleConnectionCount());
    String second = get("/port").bodyText();
    assertEquals(first, second);
    assertEquals(1, server.connectionCount());
    assertEquals(1, client.idleConnectionCount());
  }

  @Test
  void idleConnectionsAreEvicted() {
    AsyncHttpClient c = newClient(HttpClientOptions.DEFAULTS
        .withIdleTimeout(Duration.ofMillis(100)));
    String first = fetch(c, HttpRequest.get(base + "/port")).bodyText();
    assertEquals(1, c.idleConnectionCount());
    long start = System.nanoTime();
    awaitCondition(() -> c.idleConnectionCount() == 0, Duration.ofSeconds(5));
    assertTrue(System.nanoTime() - start >= Duration.ofMillis(90).toNanos(), "not before 100 ms");
    awaitCondition(() -> server.connectionCount() == 0, Duration.ofSeconds(5)); // closed
    String second = fetch(c, HttpRequest.get(base + "/port")).bodyText();
    assertNotEquals(first, second);
  }

  @Test
  void aConnectionTheServerClosesLeavesThePool() {
    String first = get("/port").bodyText();
    assertEquals(1, client.idleConnectionCount());
    await(server.closeAllConnections());
    awaitCondition(() -> client.idleConnectionCount() == 0, Duration.ofSeconds(5));
    assertNotEquals(first, get("/port").bodyText());
  }

  @Test
  void withoutPoolingEveryRequestClosesItsConnection() {
    AsyncHttpClient c = newClient(HttpClientOptions.DEFAULTS.withMaxIdlePerOrigin(0));
    String seen = fetch(c, HttpRequest.get(base + "/headers")).bodyText();
    assertTrue(seen.contains("connection: close"), seen);
    assertEquals(0, c.idleConnectionCount());
  }

  @Test
  void aServerThatClosesKeepsNothingInThePool() throws IOException {
    HttpServer closing = startServer(HttpServerOptions.DEFAULTS.withNoKeepAlive(true));
    HttpResponse r = fetch(HttpRequest.get("http://127.0.0.1:" + port(closing) + "/hello"));
    assertEquals("close", r.header("Connection"));
    assertEquals(0, client.idleConnectionCount());
  }

  /**
   * A raw server whose first connection answers one request, then closes when the next request
   * comes on it, without a byte of answer: a keep-alive connection lost in a race.
   */
  int flakyServer(List<Integer> connections) throws IOException {
    TcpServer raw = new TcpServer(loop, (stream, address) -> {
      connections.add(connections.size() + 1);
      return serveRaw(stream, connections.size(), 0).exceptionally(e -> null);
    });
    raw.listen(0, "127.0.0.1");
    servers.add(raw);
    return port(raw);
  }

  private CompletableFuture<Void> serveRaw(IOStream s, int connection, int served) {
    return s.readUntil("\r\n\r\n".getBytes(StandardCharsets.US_ASCII)).thenCompose(head -> {
      String text = new String(head, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
      int at = text.indexOf("content-length: ");
      int length = at < 0 ? 0 : Integer.parseInt(text.substring(at + 16,
          text.indexOf('\r', at)).trim());
      // The whole request is read first, so that the close is a FIN, not a reset.
      return s.readBytes(length);
    }).thenCompose(body -> {
      if (connection == 1 && served == 1) {
        s.close();
        return CompletableFuture.completedFuture(null);
      }
      String answer = "connection " + connection;
      return s.write(("HTTP/1.1 200 OK\r\nContent-Length: " + answer.length() + "\r\n\r\n"
          + answer).getBytes(StandardCharsets.US_ASCII))
          .thenCompose(v -> serveRaw(s, connection, served + 1));
    });
  }

  @Test
  void anIdempotentRequestIsRetriedOnceWhenAPooledConnectionWasLost() throws IOException {
    List<Integer> connections = new ArrayList<>();
    String url = "http://127.0.0.1:" + flakyServer(connections) + "/";
    assertEquals("connection 1", fetch(HttpRequest.get(url)).bodyText());
    assertEquals("connection 2", fetch(HttpRequest.get(url)).bodyText());
    assertEquals(2, connections.size());
  }

  @Test
  void aPostIsNotRetried() throws IOException {
    List<Integer> connections = new ArrayList<>();
    String url = "http://127.0.0.1:" + flakyServer(connections) + "/";
    assertEquals("connection 1", fetch(HttpRequest.get(url)).bodyText());
    HttpClientException e = failure(HttpRequest.post(url, "once only"));
    assertEquals(599, e.code());
    assertEquals("Stream closed", e.reason());
    assertEquals(1, connections.size());
  }

  // --------------------------------------------------------------------------------- errors

  @Test
  void aRefusedConnectionIs599() throws IOException {
    int closedPort;
    try (ServerSocketChannel ch = ServerSocketChannel.open()) {
      ch.bind(new InetSocketAddress("127.0.0.1", 0));
      closedPort = ((InetSocketAddress) ch.getLocalAddress()).getPort();
    }
    HttpRequest req = HttpRequest.get("http://127.0.0.1:" + closedPort + "/");
    HttpClientException e = failure(req);
    assertEquals(599, e.code());
    assertTrue(e.reason().toLowerCase(Locale.ROOT).contains("refused"), e.reason());
    assertNotNull(e.getCause());
    assertNull(e.response());
    // raiseError(false) returns HTTP error statuses, not a missing response (Tornado 6).
    HttpClientException again = failure(req.toBuilder().raiseError(false).build());
    assertEquals(599, again.code());
  }

  @Test
  void anErrorStatusFailsWithTheResponse() {
    HttpClientException e = failure(HttpRequest.get(base + "/status?code=404"));
    assertEquals(404, e.code());
    assertEquals("Not Found", e.reason());
    assertEquals("HTTP 404: Not Found", e.getMessage());
    assertEquals("not here", e.response().bodyText());
    assertEquals(404, e.response().code());
  }

  @Test
  void raiseErrorFalseReturnsAnErrorStatus() {
    HttpResponse r = fetch(HttpRequest.builder(base + "/status?code=404").raiseError(false)
        .build());
    assertEquals(404, r.code());
    assertEquals("not here", r.bodyText());
    assertNotNull(r.error());
    assertEquals(404, r.error().code());
    assertThrows(HttpClientException.class, r::rethrow);
  }

  @Test
  void aClosedClientRefusesFetches() {
    AsyncHttpClient c = newClient(HttpClientOptions.DEFAULTS);
    c.close();
    HttpClientException e = failure(c, HttpRequest.get(base + "/hello"));
    assertEquals("Client closed", e.reason());
  }

  // ---------------------------------------------------------------------------------- https

  HttpServer startTlsServer() throws IOException {
    return startServer(HttpServerOptions.DEFAULTS
        .withTls(TlsOptions.server(SelfSignedCertificate.serverContext())));
  }

  @Test
  void httpsWithATrustedCertificate() throws IOException {
    int port = port(startTlsServer());
    AsyncHttpClient c = newClient(HttpClientOptions.DEFAULTS
        .withResolver(OverrideResolver.builder(Resolver.system())
            .map("localhost", "127.0.0.1").build())
        .withTls(TlsOptions.client(SelfSignedCertificate.clientContext(), "localhost")));
    HttpResponse r = fetch(c, HttpRequest.get("https://localhost:" + port + "/hello"));
    assertEquals("hello", r.bodyText());
    String first = fetch(c, HttpRequest.get("https://127.0.0.1:" + port + "/port")).bodyText();
    String second = fetch(c, HttpRequest.get("https://127.0.0.1:" + port + "/port")).bodyText();
    assertEquals(first, second, "TLS connections are pooled too");
    assertEquals(2, c.idleConnectionCount(), "one per origin: localhost and 127.0.0.1");
  }

  @Test
  void httpsChecksTheHostNameAndTheChain() throws IOException {
    int port = port(startTlsServer());
    Resolver wrong = OverrideResolver.builder(Resolver.system())
        .map("wrong.example", "127.0.0.1").build();
    AsyncHttpClient trusting = newClient(HttpClientOptions.DEFAULTS.withResolver(wrong)
        .withTls(TlsOptions.client(SelfSignedCertificate.clientContext(), "localhost")));
    // The client's stream logs each refused handshake as a warning naming the server.
    String refused = "TLS handshake with .*:" + port + " failed: javax\\.net\\.ssl\\.";
    HttpClientException mismatch;
    try (ExpectLog logged = ExpectLog.expect(SslIOStream.class.getName(), refused, true,
        Level.WARN)) {
      mismatch = failure(trusting, HttpRequest.get("https://wrong.example:" + port + "/hello"));
    }
    assertEquals(599, mismatch.code());
    assertTrue(hasCause(mismatch, SSLException.class), () -> "not a TLS failure: " + mismatch);

    // The JDK's default trust does not know the test certificate.
    HttpClientException untrusted;
    try (ExpectLog logged = ExpectLog.expect(SslIOStream.class.getName(), refused, true,
        Level.WARN)) {
      untrusted = failure(HttpRequest.get("https://127.0.0.1:" + port + "/hello"));
    }
    assertEquals(599, untrusted.code());
    assertTrue(hasCause(untrusted, SSLException.class), () -> "not a TLS failure: " + untrusted);
  }

  static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }
}
