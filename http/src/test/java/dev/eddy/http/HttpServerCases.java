package dev.eddy.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.loop.IOLoop;
import dev.eddy.loop.PollerSelection;
import dev.eddy.loop.spi.PollerProvider;
import dev.eddy.loop.tck.ResourceLeakCheck;
import dev.eddy.stream.IOStream;
import dev.eddy.stream.StreamClosedException;
import dev.eddy.testing.ExpectLog;
import dev.eddy.testing.LoggedEvent;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
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
 * HttpServer over raw connections on one backend: keep-alive, pipelining, chunked both ways,
 * 100-continue, errors and limits; a subclass per backend runs them. The loop is driven in
 * Tornado's gen_test style ({@link #await}).
 */
@ExtendWith(ResourceLeakCheck.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
abstract class HttpServerCases {

  abstract String backend();

  IOLoop loop;
  HttpServer server;
  int port;

  @BeforeAll
  static void probeBackends() {
    PollerSelection.all().forEach(PollerProvider::isAvailable);
  }

  @BeforeEach
  void open() {
    loop = Backends.loop(backend());
  }

  @AfterEach
  void close() {
    if (server != null) {
      server.stop();
      await(server.closeAllConnections());
    }
    if (loop != null) {
      loop.close(true);
    }
  }

  <T> T await(CompletionStage<T> f) {
    return loop.runSync(() -> f, Duration.ofSeconds(20));
  }

  void start(HttpRequestHandler handler, HttpServerOptions options) throws IOException {
    server = new HttpServer(loop, handler, options);
    port = ((InetSocketAddress) server.listen(0, "127.0.0.1").get(0)).getPort();
  }

  void start(HttpRequestHandler handler) throws IOException {
    start(handler, HttpServerOptions.DEFAULTS);
  }

  IOStream connect() {
    return await(IOStream.connect(loop, new InetSocketAddress("127.0.0.1", port)));
  }

  static byte[] b(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  static String s(byte[] b) {
    return new String(b, StandardCharsets.ISO_8859_1);
  }

  /** A response as read raw: status line, headers (lower-cased names), body. */
  record Raw(String statusLine, java.util.Map<String, String> headers, String body) {
    int status() {
      return Integer.parseInt(statusLine.split(" ")[1]);
    }
  }

  /** Reads one response (Content-Length or chunked; none for HEAD/1xx/204/304). */
  Raw read(IOStream c, boolean head) {
    String headText = s(await(c.readUntil(b("\r\n\r\n"))));
    String[] lines = headText.split("\r\n");
    java.util.Map<String, String> headers = new java.util.LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers.put(lines[i].substring(0, colon).toLowerCase(Locale.ROOT),
          lines[i].substring(colon + 1).trim());
    }
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    String body = "";
    if (!head && status >= 200 && status != 204 && status != 304) {
      if (headers.containsKey("content-length")) {
        body = s(await(c.readBytes(Integer.parseInt(headers.get("content-length")))));
      } else if ("chunked".equals(headers.get("transfer-encoding"))) {
        StringBuilder all = new StringBuilder();
        while (true) {
          String size = s(await(c.readUntil(b("\r\n")))).trim();
          int n = Integer.parseInt(size, 16);
          if (n == 0) {
            await(c.readUntil(b("\r\n")));
            break;
          }
          all.append(s(await(c.readBytes(n))));
          await(c.readBytes(2));
        }
        body = all.toString();
      } else {
        body = s(await(c.readUntilClose()));
      }
    }
    return new Raw(lines[0], headers, body);
  }

  Raw exchange(IOStream c, String request) {
    await(c.write(b(request)));
    return read(c, request.startsWith("HEAD "));
  }

  /** True once the server closed the connection (a read fails with StreamClosedException). */
  boolean closedByServer(IOStream c) {
    try {
      await(c.readBytes(1));
      return false;
    } catch (CompletionException e) {
      return e.getCause() instanceof StreamClosedException;
    }
  }

  static HttpRequestHandler hello() {
    return req -> req.respond(200, "hello " + req.path() + "\n");
  }

  @Test
  void getAnswersWithDateServerAndLength() throws IOException {
    start(hello());
    IOStream c = connect();
    Raw r = exchange(c, "GET /a?x=1 HTTP/1.1\r\nHost: localhost\r\n\r\n");
    assertEquals("HTTP/1.1 200 OK", r.statusLine());
    assertEquals("hello /a\n", r.body());
    assertEquals("9", r.headers().get("content-length"));
    assertEquals("Eddy", r.headers().get("server"));
    assertNotNull(r.headers().get("date"));
    assertEquals("text/plain; charset=utf-8", r.headers().get("content-type"));
    c.close();
  }

  @Test
  void keepAliveServesSeveralRequestsOnOneConnection() throws IOException {
    start(hello());
    IOStream c = connect();
    for (int i = 0; i < 5; i++) {
      Raw r = exchange(c, "GET /" + i + " HTTP/1.1\r\nHost: x\r\n\r\n");
      assertEquals("hello /" + i + "\n", r.body());
    }
    assertEquals(1, server.connectionCount());
    c.close();
  }

  @Test
  void pipelinedRequestsAreAnsweredInOrder() throws IOException {
    start(hello());
    IOStream c = connect();
    await(c.write(b("GET /1 HTTP/1.1\r\nHost: x\r\n\r\nGET /2 HTTP/1.1\r\nHost: x\r\n\r\n"
        + "GET /3 HTTP/1.1\r\nHost: x\r\n\r\n")));
    for (int i = 1; i <= 3; i++) {
      assertEquals("hello /" + i + "\n", read(c, false).body());
    }
    c.close();
  }

  @Test
  void pipelinedResponsesWaitToShareAWriteUnlessOutputPilesUp() throws IOException {
    // What each handler saw still waiting to leave when it was called.
    java.util.Map<String, Long> queued = new java.util.concurrent.ConcurrentHashMap<>();
    byte[] big = new byte[100 * 1024];
    start(req -> {
      queued.put(req.path(), req.connection().stream().writeBufferSize());
      return req.path().startsWith("/big") ? req.respond(200, HttpHeaders.of(), big)
          : req.respond(200, "hello " + req.path() + "\n");
    });
    IOStream c = connect();
    await(c.write(b("GET /1 HTTP/1.1\r\nHost: x\r\n\r\nGET /2 HTTP/1.1\r\nHost: x\r\n\r\n"
        + "GET /big1 HTTP/1.1\r\nHost: x\r\n\r\nGET /big2 HTTP/1.1\r\nHost: x\r\n\r\n")));
    assertEquals("hello /1\n", read(c, false).body());
    assertEquals("hello /2\n", read(c, false).body());
    assertEquals(big.length, read(c, false).body().length());
    assertEquals(big.length, read(c, false).body().length());
    assertEquals(0L, queued.get("/1"));
    assertTrue(queued.get("/2") > 0, "the first answer waits to leave with the second");
    assertEquals(0L, queued.get("/big2"), "more than 64 KiB waiting: the next request waits");
    c.close();
  }

  @Test
  void nothingPipelinedBehindABadRequestIsAnswered() throws IOException {
    int[] handled = {0};
    start(req -> {
      handled[0]++;
      return req.respond(200, "hello " + req.path() + "\n");
    });
    IOStream c = connect();
    // A good request, a smuggling attempt (CL and TE), then a request hidden behind it.
    await(c.write(b("GET /1 HTTP/1.1\r\nHost: x\r\n\r\n"
        + "POST /2 HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nTransfer-Encoding: chunked"
        + "\r\n\r\n0\r\n\r\nGET /hidden HTTP/1.1\r\nHost: x\r\n\r\n")));
    String all = s(await(c.readUntilClose()));
    assertTrue(all.startsWith("HTTP/1.1 200 OK\r\n"), all);
    int second = all.indexOf("HTTP/1.1 400 Bad Request\r\n");
    assertTrue(second > 0, all);
    assertEquals(-1, all.indexOf("HTTP/1.1", second + 1), "one answer after the error: " + all);
    assertTrue(all.contains("both Transfer-Encoding and Content-Length"), all);
    assertEquals(1, handled[0], "the hidden request reached no handler");
    c.close();
  }

  @Test
  void http10ClosesUnlessKeepAliveIsAsked() throws IOException {
    start(hello());
    IOStream c = connect();
    Raw r = exchange(c, "GET /old HTTP/1.0\r\n\r\n");
    assertEquals("HTTP/1.0 200 OK", r.statusLine());
    assertEquals("close", r.headers().get("connection"));
    assertTrue(closedByServer(c));
    c.close();
    IOStream k = connect();
    Raw kept = exchange(k, "GET /kept HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
    assertEquals("keep-alive", kept.headers().get("connection"));
    assertEquals("hello /again\n", exchange(k, "GET /again HTTP/1.0\r\nConnection: keep-alive"
        + "\r\n\r\n").body());
    k.close();
  }

  @Test
  void connectionCloseIsHonoured() throws IOException {
    start(hello());
    IOStream c = connect();
    Raw r = exchange(c, "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    assertEquals("close", r.headers().get("connection"));
    assertTrue(closedByServer(c));
    c.close();
  }

  @Test
  void chunkedRequestBodiesAreDechunked() throws IOException {
    start(req -> req.respond(200, "got " + req.bodyText()));
    IOStream c = connect();
    Raw r = exchange(c, "POST /up HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
        + "5\r\nhello\r\n1;ext=1\r\n \r\n5\r\nworld\r\n0\r\nX-Trailer: ok\r\n\r\n");
    assertEquals("got hello world", r.body());
    assertEquals("got x", exchange(c, "POST /again HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\n"
        + "\r\nx").body(), "the connection carries on after a chunked body");
    c.close();
  }

  @Test
  void streamedResponsesAreChunkedForHttp11() throws IOException {
    start(req -> req.writeHead(200, new HttpHeaders())
        .thenCompose(v -> req.write(b("part one, ")))
        .thenCompose(v -> req.write(b("part two")))
        .thenCompose(v -> req.finish()));
    IOStream c = connect();
    Raw r = exchange(c, "GET / HTTP/1.1\r\nHost: x\r\n\r\n");
    assertEquals("chunked", r.headers().get("transfer-encoding"));
    assertEquals("part one, part two", r.body());
    Raw again = exchange(c, "GET / HTTP/1.1\r\nHost: x\r\n\r\n");
    assertEquals("part one, part two", again.body());
    c.close();
  }

  @Test
  void streamedResponsesToHttp10EndWithTheConnection() throws IOException {
    start(req -> req.writeHead(200, new HttpHeaders())
        .thenCompose(v -> req.write(b("until close")))
        .thenCompose(v -> req.finish()));
    IOStream c = connect();
    Raw r = exchange(c, "GET / HTTP/1.0\r\n\r\n");
    assertFalse(r.headers().containsKey("transfer-encoding"));
    assertEquals("until close", r.body());
    c.close();
  }

  @Test
  void expectContinueGets100ThenTheAnswer() throws IOException {
    start(req -> req.respond(200, "body " + req.bodyText()));
    IOStream c = connect();
    await(c.write(b("PUT /f HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n"
        + "Expect: 100-continue\r\n\r\n")));
    assertEquals("HTTP/1.1 100 Continue\r\n\r\n", s(await(c.readUntil(b("\r\n\r\n")))));
    Raw r = exchange(c, "data");
    assertEquals("body data", r.body());
    c.close();
  }

  @Test
  void aRequestRefusedEarlyGetsAFinalStatusInsteadOf100() throws IOException {
    HttpServerConnectionDelegate refusing = (connection, peer) -> new HttpMessageDelegate() {
      @Override
      public CompletionStage<?> headersReceived(Object startLine, HttpHeaders headers) {
        HttpHeaders h = new HttpHeaders();
        h.set("Content-Length", "0");
        connection.writeResponseHead(new ResponseStartLine(HttpVersion.HTTP_1_1, 413,
            "Content Too Large"), h, null);
        return connection.finish();
      }
    };
    server = new HttpServer(loop, refusing, HttpServerOptions.DEFAULTS);
    port = ((InetSocketAddress) server.listen(0, "127.0.0.1").get(0)).getPort();
    IOStream c = connect();
    await(c.write(b("PUT /big HTTP/1.1\r\nHost: x\r\nContent-Length: 100000000\r\n"
        + "Expect: 100-continue\r\n\r\n")));
    Raw r = read(c, false);
    assertEquals(413, r.status());
    assertTrue(closedByServer(c), "the body was not read: the connection cannot go on");
    c.close();
  }

  @Test
  void aStreamingDelegateGetsTheBodyInPiecesWithBackPressure() throws IOException {
    java.util.List<Integer> pieces = new java.util.ArrayList<>();
    int[] inFlight = {0};
    boolean[] overlapped = {false};
    HttpServerConnectionDelegate streaming = (connection, peer) -> new HttpMessageDelegate() {
      @Override
      public CompletionStage<?> dataReceived(byte[] chunk) {
        pieces.add(chunk.length);
        overlapped[0] |= inFlight[0] > 0;
        inFlight[0]++;
        CompletableFuture<Void> slow = new CompletableFuture<>();
        loop.callLater(Duration.ofMillis(2), () -> {
          inFlight[0]--;
          slow.complete(null);
        });
        return slow; // the connection reads no more until this completes
      }

      @Override
      public void finish() {
        int total = pieces.stream().mapToInt(Integer::intValue).sum();
        HttpHeaders h = new HttpHeaders();
        h.set("Content-Length", String.valueOf(Integer.toString(total).length()));
        connection.writeResponseHead(new ResponseStartLine(HttpVersion.HTTP_1_1, 200, "OK"), h,
            b(Integer.toString(total)));
        connection.finish();
      }
    };
    server = new HttpServer(loop, streaming, HttpServerOptions.DEFAULTS.withParams(
        HttpParameters.DEFAULTS.withChunkSize(16 * 1024)));
    port = ((InetSocketAddress) server.listen(0, "127.0.0.1").get(0)).getPort();
    IOStream c = connect();
    int size = 1024 * 1024;
    await(c.write(b("PUT /s HTTP/1.1\r\nHost: x\r\nContent-Length: " + size + "\r\n\r\n")));
    c.write(new byte[size]);
    assertEquals(String.valueOf(size), read(c, false).body());
    assertTrue(pieces.size() >= size / (16 * 1024), "pieces of at most the chunk size: " + pieces);
    assertTrue(pieces.stream().allMatch(n -> n <= 16 * 1024), pieces::toString);
    assertFalse(overlapped[0], "no piece was handed over while the previous one was pending");
    c.close();
  }

  @Test
  void headAnswersWithoutABody() throws IOException {
    start(hello());
    IOStream c = connect();
    Raw r = exchange(c, "HEAD /h HTTP/1.1\r\nHost: x\r\n\r\n");
    assertEquals(200, r.status());
    assertEquals("9", r.headers().get("content-length"));
    assertEquals("hello /x\n", exchange(c, "GET /x HTTP/1.1\r\nHost: x\r\n\r\n").body(),
        "no body bytes were sent for HEAD");
    c.close();
  }

  @Test
  void noContentHasNoBody() throws IOException {
    start(req -> req.respond(204, new HttpHeaders(), new byte[0]));
    IOStream c = connect();
    Raw r = exchange(c, "DELETE /d HTTP/1.1\r\nHost: x\r\n\r\n");
    assertEquals(204, r.status());
    assertFalse(r.headers().containsKey("transfer-encoding"));
    assertEquals(204, exchange(c, "DELETE /e HTTP/1.1\r\nHost: x\r\n\r\n").status(),
        "no body bytes were sent");
    c.close();
  }

  @Test
  void badRequestsGetOneAnswerAndTheConnectionCloses() throws IOException {
    start(hello());
    for (String bad : List.of(
        "GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n",
        "GET / HTTP/1.1\r\nHost : x\r\n\r\n",
        "GET / HTTP/1.1\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: x\r\n folded\r\n\r\n")) {
      IOStream c = connect();
      // Each is logged at info, naming the peer and the status.
      try (ExpectLog logged = ExpectLog.expect(Http1Connection.class.getName(),
          "Malformed HTTP message from .*:[0-9]+: .* \\(400\\)$", true, Level.INFO)) {
        Raw r = exchange(c, bad);
        assertEquals(400, r.status(), bad);
        assertEquals("close", r.headers().get("connection"), bad);
        assertTrue(closedByServer(c), bad);
      }
      c.close();
    }
  }

  /**
   * An oversized head with far more behind it than the server reads: the 431 must reach the
   * client, then an orderly end, not a reset caused by the unread input (which destroys the
   * answer in flight on the client's side; RFC 9112 §9.6). Found by the server fuzz target.
   */
  @Test
  void theLastAnswerSurvivesInputTheServerNeverReads() throws Exception {
    start(hello(), HttpServerOptions.DEFAULTS.withParams(
        HttpParameters.DEFAULTS.withMaxStartLineBytes(256).withMaxHeaderBytes(1024)));
    byte[] head = b("GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(200_000)
        + "\r\n\r\n");
    // A blocking client on its own thread: the loop runs on this one (await).
    CompletableFuture<String> answer = CompletableFuture.supplyAsync(() -> {
      try (java.net.Socket c = new java.net.Socket("127.0.0.1", port)) {
        c.setSoTimeout(10_000);
        c.getOutputStream().write(head); // all of it, without a half-close
        return s(c.getInputStream().readAllBytes()); // a reset would throw here
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    String got = await(answer);
    assertTrue(got.startsWith("HTTP/1.1 431 "), got);
    assertTrue(got.contains("\r\nConnection: close\r\n"), got);
    // The same for the last answer of a connection that is not kept alive (HTTP/1.0 here):
    // found by the server fuzz target too.
    byte[] more = b("GET / HTTP/1.0\r\n\r\n" + "b".repeat(200_000));
    CompletableFuture<String> last = CompletableFuture.supplyAsync(() -> {
      try (java.net.Socket c = new java.net.Socket("127.0.0.1", port)) {
        c.setSoTimeout(10_000);
        c.getOutputStream().write(more);
        return s(c.getInputStream().readAllBytes());
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    String ok = await(last);
    assertTrue(ok.startsWith("HTTP/1.0 200 ") || ok.startsWith("HTTP/1.1 200 "), ok);
  }

  @Test
  void unsupportedVersionAndCodingAndLimits() throws IOException {
    start(hello(), HttpServerOptions.DEFAULTS.withParams(HttpParameters.DEFAULTS
        .withMaxStartLineBytes(100).withMaxHeaderBytes(1000).withMaxBodySize(10)));
    assertEquals(505, errorStatus("GET / HTTP/2.0\r\nHost: x\r\n\r\n"));
    assertEquals(501, errorStatus("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, "
        + "chunked\r\n\r\n"));
    assertEquals(414, errorStatus("GET /" + "a".repeat(200) + " HTTP/1.1\r\nHost: x\r\n\r\n"));
    assertEquals(431, errorStatus("GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(2000)
        + "\r\n\r\n"));
    assertEquals(413, errorStatus("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 11\r\n\r\n"));
    assertEquals(413, errorStatus("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
        + "\r\nb\r\n"));
  }

  private int errorStatus(String request) {
    IOStream c = connect();
    Raw r = exchange(c, request);
    assertTrue(closedByServer(c), request);
    c.close();
    return r.status();
  }

  @Test
  void aHandlerThatThrowsGets500AndTheServerGoesOn() throws IOException {
    start(req -> {
      if (req.path().equals("/boom")) {
        throw new IllegalStateException("thrown on purpose by the test");
      }
      return req.respond(200, "fine");
    });
    IOStream c = connect();
    // The exception is logged as an error with the request, and does not reach the loop.
    try (ExpectLog logged = ExpectLog.expect(RequestCollector.class.getName(),
        "Uncaught exception handling HttpServerRequest\\[GET /boom from 127\\.0\\.0\\.1\\]$",
        true, Level.ERROR)) {
      assertEquals(500, exchange(c, "GET /boom HTTP/1.1\r\nHost: x\r\n\r\n").status());
      List<LoggedEvent> errors = logged.matched();
      assertEquals(1, errors.size(), errors::toString);
      assertEquals("thrown on purpose by the test", errors.get(0).throwable().getMessage());
      assertSame(IllegalStateException.class, errors.get(0).throwable().getClass());
    }
    assertEquals("fine", exchange(c, "GET /ok HTTP/1.1\r\nHost: x\r\n\r\n").body());
    c.close();
  }

  @Test
  void responseHeadersCannotCarryLineBreaks() throws IOException {
    start(req -> {
      HttpHeaders h = new HttpHeaders();
      h.set("X-Ok", "fine");
      return req.respond(200, h, b("x"));
    });
    IOStream c = connect();
    assertEquals(200, exchange(c, "GET / HTTP/1.1\r\nHost: x\r\n\r\n").status());
    c.close();
    HttpHeaders h = new HttpHeaders();
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> h.set("X-Bad", "a\r\nSet-Cookie: evil=1"));
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> h.set("X Bad", "a"));
  }

  @Test
  void argumentsFromTheQueryAndAFormBody() throws IOException {
    start(req -> req.respond(200, req.arguments().toString()));
    IOStream c = connect();
    Raw r = exchange(c, "POST /f?a=1&b=%20x+y HTTP/1.1\r\nHost: x\r\n"
        + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 12\r\n\r\n"
        + "a=2&c=%C3%A9");
    assertEquals("{a=[1, 2], b=[ x y], c=[é]}", new String(r.body().getBytes(
        StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
    c.close();
  }

  @Test
  void multipartFormsGiveArgumentsAndFiles() throws IOException {
    start(req -> req.respond(200, req.bodyArguments() + " " + req.files().get("up").get(0)
        .filename() + " " + req.files().get("up").get(0).contentType() + " "
        + new String(req.files().get("up").get(0).body(), StandardCharsets.UTF_8)));
    String body = "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n"
        + "--XyZ\r\nContent-Disposition: form-data; name=\"up\"; filename=\"f.txt\"\r\n"
        + "Content-Type: text/plain\r\n\r\nfile\r\ncontent\r\n--XyZ--\r\n";
    IOStream c = connect();
    Raw r = exchange(c, "POST / HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; "
        + "boundary=XyZ\r\nContent-Length: " + body.length() + "\r\n\r\n" + body);
    assertEquals("{a=[1]} f.txt text/plain file\r\ncontent", r.body());
    String bad = "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n";
    // A malformed body is logged at info with the reason, then refused.
    try (ExpectLog logged = ExpectLog.expect(RequestCollector.class.getName(),
        "Malformed body from 127\\.0\\.0\\.1: multipart body without its closing boundary$",
        true, Level.INFO)) {
      Raw refused = exchange(c, "POST / HTTP/1.1\r\nHost: x\r\nContent-Type: "
          + "multipart/form-data; boundary=XyZ\r\nContent-Length: " + bad.length()
          + "\r\n\r\n" + bad);
      assertEquals(400, refused.status());
    }
    StringBuilder many = new StringBuilder();
    for (int i = 0; i <= Multipart.MAX_PARTS; i++) {
      many.append("--XyZ\r\nContent-Disposition: form-data; name=\"p").append(i)
          .append("\"\r\n\r\nv\r\n");
    }
    many.append("--XyZ--\r\n");
    IOStream d = connect();
    try (ExpectLog logged = ExpectLog.expect(RequestCollector.class.getName(),
        "Malformed body from 127\\.0\\.0\\.1: more than " + Multipart.MAX_PARTS
            + " multipart parts$", true, Level.INFO)) {
      assertEquals(400, exchange(d, "POST / HTTP/1.1\r\nHost: x\r\nContent-Type: "
          + "multipart/form-data; boundary=XyZ\r\nContent-Length: " + many.length()
          + "\r\n\r\n" + many).status());
    }
    c.close();
    d.close();
  }

  @Test
  void xheadersGiveTheClientAddressAndProtocol() throws IOException {
    start(req -> req.respond(200, req.remoteIp() + " " + req.protocol()),
        HttpServerOptions.DEFAULTS.withXheaders(true, java.util.Set.of("10.0.0.9")));
    IOStream c = connect();
    assertEquals("203.0.113.5 https", exchange(c, "GET / HTTP/1.1\r\nHost: x\r\n"
        + "X-Forwarded-For: 203.0.113.5, 10.0.0.9\r\nX-Forwarded-Proto: https\r\n\r\n").body());
    assertEquals("127.0.0.1 http", exchange(c, "GET / HTTP/1.1\r\nHost: x\r\n"
        + "X-Real-Ip: not-an-ip\r\n\r\n").body());
    c.close();
  }

  @Test
  void anIdleConnectionIsClosed() throws IOException {
    start(hello(), HttpServerOptions.DEFAULTS.withParams(HttpParameters.DEFAULTS
        .withIdleTimeout(Duration.ofMillis(200)).withHeaderTimeout(Duration.ofMillis(200))));
    IOStream c = connect();
    assertEquals(200, exchange(c, "GET / HTTP/1.1\r\nHost: x\r\n\r\n").status());
    assertTrue(closedByServer(c), "closed after 200 ms without a request");
    c.close();
  }

  /**
   * Sends {@code start}, then one more byte of a never-ending header line every {@code everyMs}
   * (loop timers) until the server closes; completes with everything the server sent.
   */
  CompletableFuture<String> trickle(IOStream c, String start, long everyMs) {
    c.write(b(start));
    Runnable[] next = new Runnable[1];
    next[0] = () -> {
      if (!c.closed()) {
        c.write(b("x")).whenComplete((v, e) -> {
          if (e == null) {
            loop.callLater(Duration.ofMillis(everyMs), next[0]);
          }
        });
      }
    };
    loop.callLater(Duration.ofMillis(everyMs), next[0]);
    return c.readUntilClose().thenApply(HttpServerCases::s)
        .exceptionally(e -> "reset: " + e);
  }

  @Test
  void slowlorisHeadsAreAnswered408WhileOthersAreServed() throws IOException {
    start(hello(), HttpServerOptions.DEFAULTS.withParams(HttpParameters.DEFAULTS
        .withHeaderTimeout(Duration.ofMillis(300)).withIdleTimeout(Duration.ofSeconds(5))));
    java.util.List<CompletableFuture<String>> slow = new java.util.ArrayList<>();
    java.util.List<IOStream> conns = new java.util.ArrayList<>();
    for (int i = 0; i < 10; i++) { // first requests: 300 ms from the connection opening
      IOStream c = connect();
      conns.add(c);
      slow.add(trickle(c, "GET /slow HTTP/1.1\r\nHost: x\r\nX-Slow: ", 40));
    }
    IOStream kept = connect(); // a later request: 300 ms after its first byte, checked twice
    conns.add(kept);
    assertEquals(200, exchange(kept, "GET / HTTP/1.1\r\nHost: x\r\n\r\n").status());
    slow.add(trickle(kept, "GET /slow HTTP/1.1\r\nHost: x\r\nX-Slow: ", 40));
    IOStream other = connect();
    for (int i = 0; i < 20; i++) { // meanwhile a normal client is served
      assertEquals("hello /n" + i + "\n",
          exchange(other, "GET /n" + i + " HTTP/1.1\r\nHost: x\r\n\r\n").body());
    }
    for (CompletableFuture<String> answer : slow) {
      String got = await(answer);
      assertTrue(got.startsWith("HTTP/1.1 408 Request Timeout\r\n"), got);
      assertTrue(got.contains("\r\nConnection: close\r\n"), got);
      assertTrue(got.endsWith("request head not complete within 300 ms\n"), got);
    }
    assertEquals("hello /last\n",
        exchange(other, "GET /last HTTP/1.1\r\nHost: x\r\n\r\n").body());
    other.close();
    conns.forEach(IOStream::close);
  }

  static HttpServerOptions slowBodyLimits() {
    return HttpServerOptions.DEFAULTS.withParams(HttpParameters.DEFAULTS
        .withBodyTimeout(Duration.ofMillis(200)).withMinBodyRate(1000));
  }

  static HttpRequestHandler bodyLength() {
    return req -> req.respond(200, "got " + req.body().length);
  }

  @Test
  void aTricklingBodyIsAnswered408() throws IOException {
    start(bodyLength(), slowBodyLimits());
    IOStream c = connect();
    // One byte every 20 ms (50 bytes/s): never silent for the 200 ms body timeout, but slower
    // than 1,000 bytes/s once the 200 ms grace is over.
    String got = await(trickle(c, "POST /up HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n"
        + "\r\n", 20));
    assertTrue(got.startsWith("HTTP/1.1 408 Request Timeout\r\n"), got);
    assertTrue(got.contains("request body slower than 1000 bytes/s"), got);
    c.close();
  }

  @Test
  void aSteadyBodyAboveTheRateIsServed() throws IOException {
    start(bodyLength(), slowBodyLimits());
    IOStream c = connect();
    c.write(b("POST /up HTTP/1.1\r\nHost: x\r\nContent-Length: 4000\r\n\r\n"));
    int[] sent = {0};
    Runnable[] next = new Runnable[1];
    next[0] = () -> { // 100 bytes every 10 ms: 10,000 bytes/s for 400 ms
      c.write(new byte[100]);
      if (++sent[0] < 40) {
        loop.callLater(Duration.ofMillis(10), next[0]);
      }
    };
    loop.addCallback(next[0]);
    assertEquals("got 4000", read(c, false).body());
    c.close();
  }

  @Test
  void aBodyThatStopsIsClosedAfterTheBodyTimeout() throws IOException {
    start(bodyLength(), slowBodyLimits());
    IOStream c = connect();
    c.write(b("POST /up HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n0123456789"));
    assertEquals("", s(await(c.readUntilClose())), "closed without an answer");
    c.close();
  }

  /** Closes {@code c} with a reset (SO_LINGER 0) instead of a FIN. */
  static void reset(IOStream c) {
    try {
      c.socket().setOption(java.net.StandardSocketOptions.SO_LINGER, 0);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    c.close();
  }

  /** The records Eddy logged at INFO or above while {@code block} ran (any logger under it). */
  static List<LoggedEvent> loggedWhile(Runnable block) {
    try (ExpectLog all = ExpectLog.expect("dev.eddy", ".*", false, null)) {
      block.run();
      return all.matched().stream().filter(e -> e.level().toInt() >= Level.INFO.toInt()).toList();
    }
  }

  @Test
  void aResetMidRequestIsQuietAndLeavesNothing() throws IOException {
    int[] handled = {0};
    start(req -> {
      handled[0]++;
      return req.respond(200, "ok");
    });
    List<LoggedEvent> logged = loggedWhile(() -> {
      for (int i = 0; i < 5; i++) {
        IOStream c = connect();
        await(c.write(b("POST /up HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n"
            + "0123456789")));
        reset(c);
      }
      LoopConditions.awaitCondition(loop, () -> server.connectionCount() == 0,
          Duration.ofSeconds(5));
    });
    assertEquals(0, handled[0], "an unfinished request reaches no handler");
    assertTrue(logged.isEmpty(), "a reset is not news: " + logged);
  }

  @Test
  void aResetMidResponseStopsTheWriterQuietly() throws IOException {
    // A handler streaming a long response piece by piece, each after the previous one left.
    CompletableFuture<Throwable> writerSaw = new CompletableFuture<>();
    byte[] piece = new byte[64 * 1024];
    start(req -> {
      Http1Connection conn = req.connection();
      conn.writeResponseHead(new ResponseStartLine(HttpVersion.HTTP_1_1, 200, "OK"),
          HttpHeaders.of("Content-Type", "application/octet-stream"), null);
      CompletableFuture<Void> done = new CompletableFuture<>();
      Runnable[] next = new Runnable[1];
      next[0] = () -> conn.write(piece).whenComplete((v, e) -> {
        if (e != null) {
          writerSaw.complete(e);
          done.complete(null);
        } else {
          loop.addCallback(next[0]);
        }
      });
      next[0].run();
      return done;
    });
    List<LoggedEvent> logged = loggedWhile(() -> {
      IOStream c = connect();
      await(c.write(b("GET /stream HTTP/1.1\r\nHost: x\r\n\r\n")));
      await(c.readBytes(256 * 1024)); // well into the answer
      reset(c);
      Throwable e = await(writerSaw);
      assertTrue(e instanceof StreamClosedException
          || e.getCause() instanceof StreamClosedException, String.valueOf(e));
      LoopConditions.awaitCondition(loop, () -> server.connectionCount() == 0,
          Duration.ofSeconds(5));
    });
    assertTrue(logged.size() <= 1, "at most one quiet line: " + logged);
    assertTrue(logged.stream().allMatch(e -> e.level() == Level.INFO), String.valueOf(logged));
  }

  @Test
  void aSlowReaderHoldsTheWriterBackAndMemoryStaysBounded() throws IOException {
    // 64 MiB in 64 KiB pieces, each written once the previous one reached the kernel.
    int pieces = 1024;
    byte[] piece = new byte[64 * 1024];
    java.util.Arrays.fill(piece, (byte) 'e');
    int[] written = {0};
    IOStream[] serverSide = new IOStream[1];
    start(req -> {
      Http1Connection conn = req.connection();
      serverSide[0] = conn.stream();
      conn.writeResponseHead(new ResponseStartLine(HttpVersion.HTTP_1_1, 200, "OK"),
          HttpHeaders.of("Content-Length", Long.toString((long) pieces * piece.length)), null);
      CompletableFuture<Void> done = new CompletableFuture<>();
      Runnable[] next = new Runnable[1];
      next[0] = () -> conn.write(piece).whenComplete((v, e) -> {
        if (e != null) {
          done.completeExceptionally(e);
        } else if (++written[0] == pieces) {
          conn.finish().whenComplete((x, f) -> done.complete(null));
        } else {
          loop.addCallback(next[0]);
        }
      });
      next[0].run();
      return done;
    });
    IOStream c = connect();
    await(c.write(b("GET /big HTTP/1.1\r\nHost: x\r\n\r\n")));
    // The client reads nothing for a while; meanwhile the server's queued output is sampled.
    long[] most = {0};
    CompletableFuture<Void> stalled = new CompletableFuture<>();
    int[] samples = {0};
    Runnable[] sample = new Runnable[1];
    sample[0] = () -> {
      if (serverSide[0] != null) {
        most[0] = Math.max(most[0], serverSide[0].writeBufferSize());
      }
      if (++samples[0] == 40) {
        stalled.complete(null);
      } else {
        loop.callLater(Duration.ofMillis(5), sample[0]);
      }
    };
    loop.addCallback(sample[0]);
    await(stalled);
    int writtenWhileStalled = written[0];
    assertTrue(writtenWhileStalled < pieces, "the writer waited for the reader: "
        + writtenWhileStalled + " of " + pieces + " pieces");
    assertTrue(most[0] <= 2L * piece.length, "at most a piece or two queued: " + most[0]);
    String head = s(await(c.readUntil(b("\r\n\r\n"))));
    assertTrue(head.startsWith("HTTP/1.1 200 OK\r\n"), head);
    long total = 0;
    while (total < (long) pieces * piece.length) {
      byte[] got = await(c.readBytes(1024 * 1024, true));
      for (byte x : got) {
        assertEquals('e', x);
      }
      total += got.length;
    }
    assertEquals((long) pieces * piece.length, total);
    c.close();
  }

  @Test
  void aConnectionThatSendsNothingIsClosedWithoutAnAnswer() throws IOException {
    start(hello(), HttpServerOptions.DEFAULTS.withParams(HttpParameters.DEFAULTS
        .withHeaderTimeout(Duration.ofMillis(200)).withIdleTimeout(Duration.ofMillis(300))));
    IOStream fresh = connect(); // nothing at all: closed after the header timeout
    IOStream idle = connect(); // nothing after one request: closed after the idle timeout
    assertEquals(200, exchange(idle, "GET / HTTP/1.1\r\nHost: x\r\n\r\n").status());
    assertEquals("", s(await(fresh.readUntilClose())));
    assertEquals("", s(await(idle.readUntilClose())));
    fresh.close();
    idle.close();
  }

  @Test
  void withoutAHeadTimeoutTheIdleTimeoutBoundsTheFirstRequest() throws IOException {
    start(hello(), HttpServerOptions.DEFAULTS.withParams(HttpParameters.DEFAULTS
        .withHeaderTimeout(null).withIdleTimeout(Duration.ofMillis(200))));
    IOStream silent = connect();
    assertEquals("", s(await(silent.readUntilClose())), "closed without an answer");
    IOStream partial = connect();
    await(partial.write(b("GET / HTTP/1.1\r\n")));
    assertTrue(s(await(partial.readUntilClose())).startsWith("HTTP/1.1 408 "));
    silent.close();
    partial.close();
  }

  @Test
  void connectionsOverTheLimitAreClosed() throws IOException {
    start(hello(), HttpServerOptions.DEFAULTS.withMaxConnections(1));
    IOStream first = connect();
    assertEquals(200, exchange(first, "GET / HTTP/1.1\r\nHost: x\r\n\r\n").status());
    IOStream second;
    // The refusal is logged as a warning, with the count and the peer.
    try (ExpectLog logged = ExpectLog.expect(HttpServer.class.getName(),
        "1 connections open, the most allowed: closing the new one from .*127\\.0\\.0\\.1:"
            + "[0-9]+ \\(1 so far\\)$", true, Level.WARN)) {
      second = connect();
      assertTrue(closedByServer(second));
    }
    assertEquals(200, exchange(first, "GET / HTTP/1.1\r\nHost: x\r\n\r\n").status());
    first.close();
    second.close();
  }

  @Test
  void closeAllConnectionsClosesKeptAliveOnes() throws IOException {
    start(hello());
    IOStream c = connect();
    assertEquals(200, exchange(c, "GET / HTTP/1.1\r\nHost: x\r\n\r\n").status());
    await(server.closeAllConnections());
    assertEquals(0, server.connectionCount());
    assertTrue(closedByServer(c));
    c.close();
  }

  @Test
  void gzipRequestBodiesAreDecompressedWithinTheLimit() throws IOException {
    start(req -> req.respond(200, req.headers().get("X-Consumed-Content-Encoding") + " "
        + req.bodyText()), HttpServerOptions.DEFAULTS.withParams(HttpParameters.DEFAULTS
            .withDecompress(true).withMaxBodySize(1000)));
    IOStream c = connect();
    byte[] small = gzip(b("hello, gzip"));
    await(c.write(b("POST / HTTP/1.1\r\nHost: x\r\nContent-Encoding: gzip\r\n"
        + "Content-Length: " + small.length + "\r\n\r\n")));
    Raw r = exchange(c, s(small));
    assertEquals("gzip hello, gzip", r.body());
    c.close();
    // 100 KB of zeros compress to a few hundred bytes, under the limit; decompressed, over it.
    byte[] bomb = gzip(new byte[100_000]);
    assertTrue(bomb.length < 1000);
    IOStream d = connect();
    await(d.write(b("POST / HTTP/1.1\r\nHost: x\r\nContent-Encoding: gzip\r\n"
        + "Content-Length: " + bomb.length + "\r\n\r\n")));
    assertEquals(413, exchange(d, s(bomb)).status());
    assertTrue(closedByServer(d));
    d.close();
    IOStream e = connect();
    await(e.write(b("POST / HTTP/1.1\r\nHost: x\r\nContent-Encoding: gzip\r\n"
        + "Content-Length: 5\r\n\r\n")));
    assertEquals(400, exchange(e, "nogzp").status());
    e.close();
  }

  static byte[] gzip(byte[] data) throws IOException {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try (java.util.zip.GZIPOutputStream z = new java.util.zip.GZIPOutputStream(out)) {
      z.write(data);
    }
    return out.toByteArray();
  }

  @Test
  void aServerOnEveryLoopOfAGroup() throws IOException {
    try (dev.eddy.stream.LoopGroup group = dev.eddy.stream.LoopGroup.start(2,
        PollerSelection.named(backend()))) {
      dev.eddy.stream.TcpServerGroup servers = HttpServer.listenOnGroup(group, 0, "127.0.0.1",
          l -> req -> req.respond(200, Thread.currentThread().getName()),
          HttpServerOptions.DEFAULTS);
      port = ((InetSocketAddress) servers.addresses().get(0)).getPort();
      java.util.Set<String> threads = new java.util.HashSet<>();
      for (int i = 0; i < 6; i++) {
        IOStream c = connect();
        threads.add(exchange(c, "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            .body());
        c.close();
      }
      assertTrue(threads.stream().allMatch(t -> t.startsWith("eddy-loop-")), threads::toString);
      servers.stop();
    }
  }

  @Test
  void theRemoteAddressIsTheClients() throws IOException {
    CompletableFuture<SocketAddress> seen = new CompletableFuture<>();
    start(req -> {
      seen.complete(req.remoteAddress());
      return req.respond(200, req.remoteIp());
    });
    IOStream c = connect();
    assertEquals("127.0.0.1", exchange(c, "GET / HTTP/1.1\r\nHost: x\r\n\r\n").body());
    assertEquals(c.localAddress(), seen.join());
    c.close();
  }
}
