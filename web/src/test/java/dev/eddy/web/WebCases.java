package dev.eddy.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.http.AsyncHttpClient;
import dev.eddy.http.HttpRequest;
import dev.eddy.http.HttpResponse;
import dev.eddy.http.HttpServer;
import dev.eddy.loop.IOLoop;
import dev.eddy.loop.PollerSelection;
import dev.eddy.loop.spi.PollerProvider;
import dev.eddy.loop.tck.ResourceLeakCheck;
import dev.eddy.testing.ExpectLog;
import dev.eddy.testing.LoggedEvent;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
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
 * Application, routing and RequestHandler on one backend, after Tornado's web and routing tests;
 * a subclass per backend runs them.
 */
@ExtendWith(ResourceLeakCheck.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
abstract class WebCases {

  abstract String backend();

  IOLoop loop;
  HttpServer server;
  AsyncHttpClient client;
  String base;

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

  void serve(Application app) throws IOException {
    server = app.listen(loop, 0, "127.0.0.1", dev.eddy.http.HttpServerOptions.DEFAULTS);
    base = "http://127.0.0.1:" + ((InetSocketAddress) server.addresses().get(0)).getPort();
  }

  HttpResponse fetch(String path) {
    return fetch(HttpRequest.builder(base + path).raiseError(false).build());
  }

  HttpResponse fetch(HttpRequest request) {
    return loop.runSync(() -> client.fetch(request), Duration.ofSeconds(20));
  }

  HttpResponse fetch(String method, String path, String body) {
    HttpRequest.Builder b = HttpRequest.builder(base + path).method(method).raiseError(false);
    if (body != null) {
      b.body(body);
    }
    return fetch(b.build());
  }

  static final class Hello extends RequestHandler {
    @Override
    protected Object get() {
      write("hello " + getArgument("name", "world"));
      return null;
    }

    @Override
    protected Object post() {
      write("posted " + getArgument("x"));
      return null;
    }
  }

  /** Tries to put a CR/LF or markup into the response through each way a handler can. */
  static final class Unsafe extends RequestHandler {
    static final String INJECTED = "x\r\nX-Injected: yes\r\n\r\n<script>alert(1)</script>";

    @Override
    protected Object get() {
      switch (getArgument("via", "")) {
        case "redirect" -> redirect("/next" + INJECTED, false);
        case "header" -> setHeader("X-Value", INJECTED);
        case "cookie" -> setCookie("c", INJECTED);
        case "cookie-path" -> setCookie("c", "v", CookieOptions.defaults().withPath("/" + INJECTED));
        case "reason" -> throw new HttpError(400, "refused", INJECTED);
        case "markup" -> throw new HttpError(404, "missing", "<script>alert(1)</script>");
        case "status" -> setStatus(200, "OK" + INJECTED);
        default -> write("safe");
      }
      return null;
    }
  }

  static final class Positional extends RequestHandler {
    @Override
    protected Object get() {
      write(pathArg(0) + "/" + pathArg(1));
      return null;
    }
  }

  static final class Named extends RequestHandler {
    @Override
    protected Object get() {
      write(pathArg("year") + "-" + pathArg("month"));
      return null;
    }
  }

  @Test
  void routesWithPositionalAndNamedGroups() throws IOException {
    serve(new Application()
        .add("/hello", Hello::new)
        .add("/post/([0-9]+)/([a-z]+)", Positional::new)
        .add("/archive/(?<year>[0-9]{4})/(?<month>[0-9]{2})", Named::new));
    assertEquals("hello world", fetch("/hello").bodyText());
    assertEquals("hello you", fetch("/hello?name=you").bodyText());
    assertEquals("42/abc", fetch("/post/42/abc").bodyText());
    assertEquals("2026-11", fetch("/archive/2026/11").bodyText());
    assertEquals(404, fetch("/post/x/abc").code(), "anchored: the whole path must match");
    assertEquals(404, fetch("/hello/extra").code());
  }

  @Test
  void mixingNamedAndUnnamedGroupsIsRefused() {
    assertThrows(IllegalArgumentException.class,
        () -> new Route("/(?<a>x)/(y)", Hello::new));
  }

  @Test
  void notFoundAndMethodNotAllowedWithAllow() throws IOException {
    serve(new Application().add("/hello", Hello::new));
    HttpResponse missing = fetch("/nothing");
    assertEquals(404, missing.code());
    assertEquals("<html><title>404: Not Found</title><body>404: Not Found</body></html>",
        missing.bodyText());
    HttpResponse put = fetch("PUT", "/hello", "x");
    assertEquals(405, put.code());
    assertEquals("GET, POST", put.header("Allow"));
  }

  @Test
  void aMissingArgumentIs400NamingIt() throws IOException {
    serve(new Application().add("/hello", Hello::new));
    HttpResponse r = fetch("POST", "/hello", "y=1");
    assertEquals(400, r.code());
    assertEquals("Missing argument x", r.reason());
    HttpResponse ok = fetch(HttpRequest.builder(base + "/hello").method("POST")
        .header("Content-Type", "application/x-www-form-urlencoded").body("x=2")
        .raiseError(false).build());
    assertEquals("posted 2", ok.bodyText());
  }

  static final class Prepared extends RequestHandler {
    @Override
    protected CompletionStage<?> prepare() {
      if (getArgument("stop", null) != null) {
        setStatus(403);
        write("stopped in prepare");
        finish();
      }
      return null;
    }

    @Override
    protected Object get() {
      write("reached get");
      return null;
    }
  }

  @Test
  void prepareMayFinishTheRequest() throws IOException {
    serve(new Application().add("/p", Prepared::new));
    assertEquals("reached get", fetch("/p").bodyText());
    HttpResponse stopped = fetch("/p?stop=1");
    assertEquals(403, stopped.code());
    assertEquals("stopped in prepare", stopped.bodyText());
  }

  final class Async extends RequestHandler {
    @Override
    protected Object get() {
      CompletableFuture<Void> later = new CompletableFuture<>();
      loop.callLater(Duration.ofMillis(20), () -> {
        write("later");
        later.complete(null);
      });
      return later;
    }
  }

  static final class Failing extends RequestHandler {
    @Override
    protected Object get() {
      if (getArgument("kind", "").equals("http")) {
        throw new HttpError(418, "logged only", "I'm a teapot");
      }
      if (getArgument("kind", "").equals("async")) {
        return CompletableFuture.failedFuture(new IllegalStateException("async failure"));
      }
      throw new IllegalStateException("thrown on purpose by the test");
    }
  }

  @Test
  void asyncHandlersAndErrors() throws IOException {
    serve(new Application().add("/async", Async::new).add("/fail", Failing::new));
    assertEquals("later", fetch("/async").bodyText());
    // An HttpError below 500 is only logged at debug, with its log message.
    HttpResponse teapot;
    try (ExpectLog logged = ExpectLog.expect(Lifecycle.class.getName(),
        "Failing\\[GET /fail\\?kind=http\\]: HTTP 418: logged only$", true, Level.DEBUG)) {
      teapot = fetch("/fail?kind=http");
    }
    assertEquals(418, teapot.code());
    assertEquals("I'm a teapot", teapot.reason());
    assertFalse(teapot.bodyText().contains("logged only"));
    // Other exceptions, thrown or failing the returned future, are logged as errors with it; the
    // access log has the 500 as an error too.
    try (ExpectLog logged = ExpectLog.expect(Lifecycle.class.getName(),
            "Uncaught exception in Failing\\[GET /fail\\]$", true, Level.ERROR);
        ExpectLog access = ExpectLog.expect("dev.eddy.web.access",
            "500 GET /fail \\(127\\.0\\.0\\.1\\) ", true, Level.ERROR)) {
      assertEquals(500, fetch("/fail").code());
      assertLoggedOnce(logged, IllegalStateException.class, "thrown on purpose by the test");
    }
    try (ExpectLog logged = ExpectLog.expect(Lifecycle.class.getName(),
        "Uncaught exception in Failing\\[GET /fail\\?kind=async\\]$", true, Level.ERROR)) {
      assertEquals(500, fetch("/fail?kind=async").code());
      assertLoggedOnce(logged, IllegalStateException.class, "async failure");
    }
  }

  /** {@code expected} matched one record, logged with an exception of that type and message. */
  static void assertLoggedOnce(ExpectLog expected, Class<? extends Throwable> type,
      String message) {
    List<LoggedEvent> records = expected.matched();
    assertEquals(1, records.size(), records::toString);
    Throwable t = records.get(0).throwable();
    assertTrue(type.isInstance(t), () -> "logged with " + t);
    assertEquals(message, t.getMessage());
  }

  @Test
  void debugShowsTheStackTrace() throws IOException {
    serve(new Application(Settings.DEFAULTS.withDebug(true)).add("/fail", Failing::new));
    HttpResponse r;
    try (ExpectLog logged = ExpectLog.expect(Lifecycle.class.getName(),
        "Uncaught exception in Failing\\[GET /fail\\]$", true, Level.ERROR)) {
      r = fetch("/fail");
    }
    assertEquals(500, r.code());
    assertTrue(r.bodyText().contains("IllegalStateException: thrown on purpose by the test"),
        r.bodyText());
  }

  record User(String name, int age) {}

  @Test
  void lambdaRoutesAndJson() throws IOException {
    serve(new Application()
        .get("/users/{id}", ctx -> Map.of("id", ctx.pathArg("id")))
        .post("/users/{id}", ctx -> new User(ctx.pathArg("id"), 7))
        .get("/later", ctx -> CompletableFuture.completedFuture("done later")));
    HttpResponse r = fetch("/users/42");
    assertEquals("{\"id\":\"42\"}", r.bodyText());
    assertEquals("application/json; charset=UTF-8", r.header("Content-Type"));
    assertEquals("{\"name\":\"ann\",\"age\":7}", fetch("POST", "/users/ann", "").bodyText());
    assertEquals("done later", fetch("/later").bodyText());
    assertEquals(405, fetch("DELETE", "/users/1", null).code());
  }

  @Test
  void nothingAHandlerSetsCanInjectHeadersOrMarkup() throws IOException {
    serve(new Application().add("/unsafe", Unsafe::new));
    for (String via : List.of("redirect", "header", "cookie", "cookie-path", "status")) {
      HttpResponse r = fetch("/unsafe?via=" + via);
      assertEquals(500, r.code(), via + " is refused: the handler fails");
      assertNull(r.header("X-Injected"), via);
      assertNull(r.header("Location"), via);
      assertNull(r.header("Set-Cookie"), via);
      assertFalse(r.bodyText().contains("<script>"), via + ": " + r.bodyText());
    }
    HttpResponse reason = fetch("/unsafe?via=reason");
    assertEquals(400, reason.code(), "a reason HTTP cannot carry keeps the error's status");
    assertEquals("Bad Request", reason.reason());
    assertNull(reason.header("X-Injected"));
    assertFalse(reason.bodyText().contains("<script>"), reason.bodyText());
    HttpResponse markup = fetch("/unsafe?via=markup");
    assertEquals(404, markup.code());
    assertFalse(markup.bodyText().contains("<script>"), markup.bodyText());
    assertTrue(markup.bodyText().contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        markup.bodyText());
    assertEquals("safe", fetch("/unsafe").bodyText(), "and the server goes on");
  }

  @Test
  void etagAnd304() throws IOException {
    serve(new Application().add("/hello", Hello::new));
    HttpResponse first = fetch("/hello");
    String etag = first.header("Etag");
    assertTrue(etag.startsWith("\"") && etag.endsWith("\""), etag);
    HttpResponse again = fetch(HttpRequest.builder(base + "/hello")
        .header("If-None-Match", etag).raiseError(false).build());
    assertEquals(304, again.code());
    assertEquals(0, again.body().length);
    assertNull(again.header("Content-Type"), "representation headers are stripped from 304");
  }

  static final class Redirecting extends RequestHandler {
    @Override
    protected Object get() {
      redirect("/hello", getArgument("permanent", null) != null);
      return null;
    }
  }

  @Test
  void redirects() throws IOException {
    serve(new Application().add("/hello", Hello::new).add("/r", Redirecting::new));
    HttpResponse r = fetch(HttpRequest.builder(base + "/r").followRedirects(false)
        .raiseError(false).build());
    assertEquals(302, r.code());
    assertEquals("/hello", r.header("Location"));
    assertEquals(301, fetch(HttpRequest.builder(base + "/r?permanent=1").followRedirects(false)
        .raiseError(false).build()).code());
    assertEquals("hello world", fetch("/r").bodyText());
  }

  @Test
  void reverseUrlFillsTheGroups() {
    Application app = new Application()
        .add("/post/([0-9]+)/([a-z]+)", Positional::new, Map.of(), "post")
        .add("/static/(.*)", Hello::new, Map.of(), "static");
    assertEquals("/post/42/abc", app.reverseUrl("post", 42, "abc"));
    assertEquals("/static/a%20b", app.reverseUrl("static", "a b"));
    assertThrows(IllegalArgumentException.class, () -> app.reverseUrl("post", 1));
    assertThrows(IllegalArgumentException.class, () -> app.reverseUrl("nope"));
  }

  static final class HostA extends RequestHandler {
    @Override
    protected Object get() {
      write("host a");
      return null;
    }
  }

  @Test
  void hostRoutingGoesFirstThenTheDefaultHost() throws IOException {
    serve(new Application()
        .addHandlers("a\\.example", List.of(new Route("/", HostA::new)))
        .add("/", Hello::new));
    assertEquals("host a", fetch(HttpRequest.builder(base + "/").header("Host", "a.example")
        .raiseError(false).build()).bodyText());
    assertEquals("hello world", fetch("/").bodyText());
  }

  static final class NoContent extends RequestHandler {
    @Override
    protected Object delete() {
      setStatus(204);
      write("dropped");
      return null;
    }
  }

  @Test
  void noContentDropsTheBody() throws IOException {
    serve(new Application().add("/d", NoContent::new));
    HttpResponse r = fetch("DELETE", "/d", null);
    assertEquals(204, r.code());
    assertEquals(0, r.body().length);
  }

  static final class Streaming extends RequestHandler {
    @Override
    protected Object get() {
      write("part one, ");
      return flush().thenRun(() -> write("part two"));
    }
  }

  @Test
  void flushStreamsAChunkedResponse() throws IOException {
    serve(new Application().add("/s", Streaming::new));
    HttpResponse r = fetch("/s");
    assertEquals("part one, part two", r.bodyText());
    assertEquals(null, r.header("Content-Length"));
  }

  static final class CookieHandler extends RequestHandler {
    @Override
    protected Object get() {
      if (getArgument("set", null) != null) {
        setCookie("plain", "p1");
        setSignedCookie("user", "ann", CookieOptions.defaults());
        return null;
      }
      write(getCookie("plain", "-") + " " + getSignedCookie("user"));
      return null;
    }
  }

  static String cookieHeader(HttpResponse r) {
    StringBuilder out = new StringBuilder();
    for (String c : r.headers().getAll("Set-Cookie")) {
      if (out.length() > 0) {
        out.append("; ");
      }
      out.append(c, 0, c.indexOf(';') < 0 ? c.length() : c.indexOf(';'));
    }
    return out.toString();
  }

  @Test
  void cookiesAndSignedCookies() throws IOException {
    serve(new Application(Settings.DEFAULTS.withCookieSecret(SecretSource.of("s3cret")))
        .add("/c", CookieHandler::new));
    HttpResponse set = fetch("/c?set=1");
    String cookies = cookieHeader(set);
    assertTrue(cookies.startsWith("plain=p1; user=") && cookies.contains("2|1:0|"), cookies);
    HttpResponse read = fetch(HttpRequest.builder(base + "/c").header("Cookie", cookies)
        .raiseError(false).build());
    assertEquals("p1 ann", read.bodyText());
    String tampered = cookies.replace("4:YW5u", "4:Ym9i"); // "bob" instead of "ann"
    assertFalse(tampered.equals(cookies));
    assertEquals("p1 null", fetch(HttpRequest.builder(base + "/c").header("Cookie", tampered)
        .raiseError(false).build()).bodyText());
  }

  static final class FormHandler extends RequestHandler {
    @Override
    protected Object get() {
      write(xsrfToken());
      return null;
    }

    @Override
    protected Object post() {
      write("accepted");
      return null;
    }
  }

  @Test
  void xsrfTokensAreCheckedOnPosts() throws IOException {
    serve(new Application(Settings.DEFAULTS.withXsrfCookies(true)).add("/f", FormHandler::new));
    HttpResponse form = fetch("/f");
    String token = form.bodyText();
    String cookie = cookieHeader(form);
    assertTrue(cookie.startsWith("_xsrf="), cookie);
    // Each refusal is logged as a warning with its reason.
    try (ExpectLog logged = ExpectLog.expect(Lifecycle.class.getName(),
        "403 FormHandler\\[POST /f\\]: '_xsrf' argument missing from POST$", true, Level.WARN)) {
      assertEquals(403, fetch("POST", "/f", "a=1").code(), "no token at all");
    }
    HttpResponse withArg = fetch(HttpRequest.builder(base + "/f").method("POST")
        .header("Cookie", cookie).header("Content-Type", "application/x-www-form-urlencoded")
        .body("_xsrf=" + java.net.URLEncoder.encode(token, java.nio.charset.StandardCharsets.UTF_8))
        .raiseError(false).build());
    assertEquals("accepted", withArg.bodyText());
    HttpResponse withHeader = fetch(HttpRequest.builder(base + "/f").method("POST")
        .header("Cookie", cookie).header("X-Xsrftoken", token).body("")
        .raiseError(false).build());
    assertEquals(200, withHeader.code());
    HttpResponse forged;
    try (ExpectLog logged = ExpectLog.expect(Lifecycle.class.getName(),
        "403 FormHandler\\[POST /f\\]: XSRF cookie does not match POST argument$", true,
        Level.WARN)) {
      forged = fetch(HttpRequest.builder(base + "/f").method("POST")
          .header("Cookie", "_xsrf=" + XsrfTokens.newToken(new byte[16], 1,
              new java.security.SecureRandom())).header("X-Xsrftoken", token).body("")
          .raiseError(false).build());
    }
    assertEquals(403, forged.code());
  }

  @Test
  void staticFiles(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    java.nio.file.Path root = dir.resolve("static");
    java.nio.file.Files.createDirectories(root.resolve("sub"));
    java.nio.file.Files.writeString(root.resolve("hello.txt"), "0123456789");
    java.nio.file.Files.writeString(root.resolve("sub/index.html"), "<p>index</p>");
    java.nio.file.Files.writeString(dir.resolve("secret.txt"), "secret");
    byte[] big = new byte[1024 * 1024 + 7];
    new java.util.Random(5).nextBytes(big);
    java.nio.file.Files.write(root.resolve("big.bin"), big);
    serve(new Application().add("/static/(.*)", StaticFileHandler::new,
        Map.of("path", root.toString(), "default_filename", "index.html"), "static"));
    HttpResponse r = fetch("/static/hello.txt");
    assertEquals("0123456789", r.bodyText());
    assertEquals("text/plain; charset=UTF-8", r.header("Content-Type"));
    assertEquals("bytes", r.header("Accept-Ranges"));
    String etag = r.header("Etag");
    String modified = r.header("Last-Modified");
    assertEquals(304, fetch(HttpRequest.builder(base + "/static/hello.txt")
        .header("If-None-Match", etag).raiseError(false).build()).code());
    assertEquals(304, fetch(HttpRequest.builder(base + "/static/hello.txt")
        .header("If-Modified-Since", modified).raiseError(false).build()).code());
    HttpResponse head = fetch(HttpRequest.builder(base + "/static/hello.txt").method("HEAD")
        .raiseError(false).build());
    assertEquals("10", head.header("Content-Length"));
    assertEquals(0, head.body().length);
    HttpResponse part = fetch(HttpRequest.builder(base + "/static/hello.txt")
        .header("Range", "bytes=2-5").raiseError(false).build());
    assertEquals(206, part.code());
    assertEquals("2345", part.bodyText());
    assertEquals("bytes 2-5/10", part.header("Content-Range"));
    assertEquals("789", fetch(HttpRequest.builder(base + "/static/hello.txt")
        .header("Range", "bytes=-3").raiseError(false).build()).bodyText());
    HttpResponse unsatisfiable = fetch(HttpRequest.builder(base + "/static/hello.txt")
        .header("Range", "bytes=100-").raiseError(false).build());
    assertEquals(416, unsatisfiable.code());
    assertEquals("bytes */10", unsatisfiable.header("Content-Range"));
    assertEquals(403, fetch("/static/%2e%2e/secret.txt").code(), "traversal");
    assertEquals(404, fetch("/static/nothing.txt").code());
    HttpResponse dirRedirect = fetch(HttpRequest.builder(base + "/static/sub")
        .followRedirects(false).raiseError(false).build());
    assertEquals(301, dirRedirect.code());
    assertEquals("/static/sub/", dirRedirect.header("Location"));
    assertEquals("<p>index</p>", fetch("/static/sub/").bodyText());
    HttpResponse whole = fetch("/static/big.bin");
    assertTrue(java.util.Arrays.equals(big, whole.body()), "1 MiB streamed intact");
    assertEquals("max-age=315360000", fetch("/static/hello.txt?v="
        + StaticFileHandler.versionOf(root.resolve("hello.txt"))).header("Cache-Control"));
  }

  @Test
  void redirectHandlerSubstitutesGroupsAndKeepsTheQuery() throws IOException {
    serve(new Application()
        .add("/old/(.*)", RedirectHandler::new, Map.of("url", "/new/{0}", "permanent", false),
            null));
    HttpResponse r = fetch(HttpRequest.builder(base + "/old/page?x=1").followRedirects(false)
        .raiseError(false).build());
    assertEquals(302, r.code());
    assertEquals("/new/page?x=1", r.header("Location"));
  }

  static final class Page extends RequestHandler {
    @Override
    protected Object get() throws Exception {
      return render("page.peb", Map.of("name", getArgument("name", "world")));
    }
  }

  @Test
  void templatesAreRenderedWithAutoescapingAndTheXsrfField(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    java.nio.file.Files.writeString(dir.resolve("page.peb"),
        "<h1>Hello, {{ name }}</h1><form>{{ xsrf_form_html | raw }}</form>");
    serve(new Application(Settings.DEFAULTS.withXsrfCookies(true)
        .withTemplates(new PebbleTemplates(dir, false))).add("/page", Page::new));
    String html = fetch("/page?name=%3Cb%3E").bodyText();
    assertTrue(html.startsWith("<h1>Hello, &lt;b&gt;</h1>"), html);
    assertTrue(html.contains("<input type=\"hidden\" name=\"_xsrf\" value=\"2|"), html);
  }

  @Authenticated
  static final class Private extends RequestHandler {
    @Override
    protected Object getCurrentUser() {
      return getCookie("user");
    }

    @Override
    protected Object get() throws Exception {
      write("hello " + currentUser());
      return null;
    }

    @Override
    protected Object post() {
      write("posted");
      return null;
    }
  }

  @Test
  void authenticatedHandlersRedirectOrRefuse() throws IOException {
    serve(new Application(Settings.DEFAULTS.withLoginUrl("/login")).add("/private", Private::new));
    HttpResponse r = fetch(HttpRequest.builder(base + "/private?x=1").followRedirects(false)
        .raiseError(false).build());
    assertEquals(302, r.code());
    assertEquals("/login?next=%2Fprivate%3Fx%3D1", r.header("Location"));
    assertEquals(403, fetch("POST", "/private", "").code());
    assertEquals("hello ann", fetch(HttpRequest.builder(base + "/private")
        .header("Cookie", "user=ann").raiseError(false).build()).bodyText());
  }

  static final class Slow extends RequestHandler {
    static volatile Thread loopThread;

    @Override
    @Blocking
    protected Object get() throws Exception {
      // Blocking work: a file read on a worker, not on the loop.
      java.nio.file.Files.readAllBytes(java.nio.file.Path.of("/proc/self/status"));
      write(Thread.currentThread() == loopThread ? "on the loop" : "off the loop");
      return null;
    }
  }

  @Test
  void blockingMethodsRunOffTheLoop() throws IOException {
    serve(new Application().add("/slow", Slow::new));
    Slow.loopThread = Thread.currentThread(); // runSync runs the loop on this thread
    assertEquals("off the loop", fetch("/slow").bodyText());
  }

  @Test
  void gzipTransformCompressesLargeTextAnswers() throws IOException {
    serve(new Application(Settings.DEFAULTS.withCompressResponse(true))
        .get("/big", ctx -> "a".repeat(5000))
        .get("/small", ctx -> "tiny"));
    HttpResponse big = fetch("/big");
    assertEquals("a".repeat(5000), big.bodyText());
    assertEquals("gzip", big.header("X-Consumed-Content-Encoding"));
    assertEquals("Accept-Encoding", big.header("Vary"));
    HttpResponse small = fetch("/small");
    assertEquals("tiny", small.bodyText());
    assertNull(small.header("X-Consumed-Content-Encoding"));
  }

  static volatile CompletableFuture<String> left = new CompletableFuture<>();

  static final class LongPoll extends RequestHandler {
    @Override
    protected Object get() {
      return new CompletableFuture<Void>(); // waits for an event that never comes
    }

    @Override
    protected void onConnectionClose() {
      left.complete("client left " + request().path());
    }
  }

  @Test
  void onConnectionCloseWhenTheClientLeavesMidRequest() throws IOException {
    left = new CompletableFuture<>();
    serve(new Application().add("/poll", LongPoll::new));
    int port = ((InetSocketAddress) server.addresses().get(0)).getPort();
    dev.eddy.stream.IOStream c = loop.runSync(() -> dev.eddy.stream.IOStream.connect(loop,
        new InetSocketAddress("127.0.0.1", port)), Duration.ofSeconds(10));
    loop.runSync(() -> c.write("GET /poll HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(
        java.nio.charset.StandardCharsets.US_ASCII)), Duration.ofSeconds(10));
    c.close();
    CompletableFuture<String> mine = left;
    assertEquals("client left /poll", loop.runSync(() -> mine, Duration.ofSeconds(10)));
  }

  static volatile CompletableFuture<String> streamEnded = new CompletableFuture<>();

  /** Streams 64 KiB pieces, each after the last reached the kernel, until a flush fails. */
  static final class EndlessStream extends RequestHandler {
    @Override
    protected Object get() {
      return more();
    }

    private CompletableFuture<Void> more() {
      write(new byte[64 * 1024]);
      return flush().whenComplete((v, e) -> {
        if (e != null) {
          Throwable cause = e instanceof java.util.concurrent.CompletionException
              ? e.getCause() : e;
          streamEnded.complete(cause.getClass().getSimpleName());
        }
      }).thenCompose(v -> more());
    }
  }

  @Test
  void aClientThatResetsDuringAStreamedAnswerIsOneQuietLine() throws IOException {
    streamEnded = new CompletableFuture<>();
    serve(new Application().add("/endless", EndlessStream::new));
    int port = ((InetSocketAddress) server.addresses().get(0)).getPort();
    try (ExpectLog errors = ExpectLog.expect("dev.eddy.web", ".*", false, Level.ERROR);
        ExpectLog quiet = ExpectLog.expect(Lifecycle.class.getName(),
            "EndlessStream\\[GET /endless\\]: the client left before the answer was complete",
            true, Level.DEBUG)) {
      // The client runs on its own thread: runSync below runs the loop on this one.
      CompletableFuture<String> client = CompletableFuture.supplyAsync(() -> {
        try (java.net.Socket c = new java.net.Socket("127.0.0.1", port)) {
          c.setSoTimeout(10_000);
          c.getOutputStream().write("GET /endless HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(
              java.nio.charset.StandardCharsets.US_ASCII));
          String status = new String(c.getInputStream().readNBytes(12),
              java.nio.charset.StandardCharsets.US_ASCII);
          c.getInputStream().readNBytes(200_000); // the answer is under way
          c.setSoLinger(true, 0); // then a reset, mid-answer
          return status;
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
      CompletableFuture<String> ended = streamEnded;
      assertEquals("StreamClosedException", loop.runSync(() -> ended, Duration.ofSeconds(10)));
      assertEquals("HTTP/1.1 200", loop.runSync(() -> client, Duration.ofSeconds(10)));
      // ... and the log has one debug line for it, no error.
      assertEquals(1, quiet.matched().size(), quiet.matched()::toString);
      assertEquals(List.of(), errors.matched());
    }
  }

  static final class Linking extends RequestHandler {
    @Override
    protected Object get() {
      write(staticUrl("app.css"));
      return null;
    }
  }

  @Test
  void staticPathServesFilesAndVersionsUrls(@org.junit.jupiter.api.io.TempDir
      java.nio.file.Path dir) throws IOException {
    java.nio.file.Files.writeString(dir.resolve("app.css"), "body{}");
    serve(new Application(Settings.DEFAULTS.withStaticPath(dir)).add("/link", Linking::new));
    String url = fetch("/link").bodyText();
    assertTrue(url.startsWith("/static/app.css?v="), url);
    HttpResponse css = fetch(url);
    assertEquals("body{}", css.bodyText());
    assertEquals("max-age=315360000", css.header("Cache-Control"));
    assertEquals("text/css; charset=UTF-8", css.header("Content-Type"));
  }

  static final class Echoing extends RequestHandler {
    @Override
    protected Object get() {
      write("cookie=" + getCookie("a", "-") + " cookies=" + cookies().size());
      return null;
    }

    @Override
    protected Object post() {
      write("files=" + request().files().size());
      return null;
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
    serve(new Application().add("/c", CookieCounter::new));
    HttpResponse r = fetch(HttpRequest.builder(base + "/c").header("Cookie", cookie.toString())
        .raiseError(false).build());
    assertEquals(200, r.code(), r::bodyText);
    assertEquals("3003 8000 AB last 2999", r.bodyText());
  }

  @Test
  void hostileInputGetsTheRightAnswerAndLeavesNothingOpen() throws IOException {
    serve(new Application().add("/e", Echoing::new));
    // Malformed cookie headers: parsed as far as they go, never an error.
    for (String cookie : List.of("a", ";;;;", "=;=;=", "a=\"unterminated", "a=1; =2; ;b",
        "a=" + "x".repeat(10_000))) {
      HttpResponse r = fetch(HttpRequest.builder(base + "/e").header("Cookie", cookie)
          .raiseError(false).build());
      assertEquals(200, r.code(), cookie);
    }
    // Too many multipart parts: 400.
    StringBuilder many = new StringBuilder();
    for (int i = 0; i <= 100; i++) {
      many.append("--B\r\nContent-Disposition: form-data; name=\"p").append(i)
          .append("\"\r\n\r\nv\r\n");
    }
    many.append("--B--\r\n");
    HttpResponse parts = fetch(HttpRequest.builder(base + "/e").method("POST")
        .header("Content-Type", "multipart/form-data; boundary=B").body(many.toString())
        .raiseError(false).build());
    assertEquals(400, parts.code());
    assertTrue(server.connectionCount() <= 1, "connections do not pile up: "
        + server.connectionCount());
  }

  @StreamRequestBody
  static final class Upload extends RequestHandler {
    private long bytes;
    private int pieces;
    private boolean prepared;
    private boolean outOfOrder;

    @Override
    protected CompletionStage<?> prepare() {
      CompletableFuture<Void> later = new CompletableFuture<>();
      request().connection().stream().loop().callLater(Duration.ofMillis(10), () -> {
        prepared = true;
        later.complete(null);
      });
      return later; // completes before the first piece arrives
    }

    @Override
    protected CompletionStage<?> dataReceived(byte[] chunk) {
      outOfOrder |= !prepared;
      bytes += chunk.length;
      pieces++;
      return null;
    }

    @Override
    protected Object put() {
      write(Map.of("bytes", bytes, "pieces", pieces, "outOfOrder", outOfOrder,
          "body", request().body().length));
      return null;
    }
  }

  @Test
  void streamedRequestBodies() throws IOException {
    serve(new Application().add("/up", Upload::new).add("/hello", Hello::new));
    byte[] data = new byte[1024 * 1024];
    HttpResponse r = fetch(HttpRequest.builder(base + "/up").method("PUT").body(data)
        .raiseError(false).build());
    @SuppressWarnings("unchecked")
    Map<String, Object> got = Json.MAPPER.readValue(r.body(), Map.class);
    assertEquals(1024 * 1024, ((Number) got.get("bytes")).intValue());
    assertTrue(((Number) got.get("pieces")).intValue() >= 16, got.toString());
    assertEquals(false, got.get("outOfOrder"));
    assertEquals(0, ((Number) got.get("body")).intValue());
    assertEquals("hello world", fetch("/hello").bodyText(), "other handlers still get whole bodies");
  }

  @Test
  void headerInjectionIsRefused() {
    RequestHandler h = new Hello();
    assertThrows(IllegalArgumentException.class, () -> h.setHeader("X-A", "a\r\nX-B: b"));
    assertThrows(IllegalArgumentException.class, () -> h.setStatus(200, "OK\r\nX-B: b"));
  }
}
