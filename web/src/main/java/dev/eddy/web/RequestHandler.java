package dev.eddy.web;

import dev.eddy.http.HttpHeaders;
import dev.eddy.http.HttpServerRequest;
import dev.eddy.http.HttpVersion;
import dev.eddy.http.Reasons;
import dev.eddy.http.ResponseStartLine;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one request: Tornado's {@code RequestHandler}. Subclass it and override the methods you
 * serve ({@link #get()}, {@link #post()}, ...); a new instance serves each request.
 *
 * <p><b>Lifecycle</b>, as Tornado's: {@link #initialize(Map)} with the route's arguments; a method
 * the class does not override is answered 405 with {@code Allow}; {@link #prepare()} (it may
 * finish the request itself); the method for the request; then, unless the method finished it,
 * {@link #finish()}; then {@link #onFinish()}. A method (and {@code prepare}) may return null
 * (done), or a {@link CompletionStage}: the request finishes when it completes. An exception (or a
 * failed stage) becomes {@link #sendError}: an {@link HttpError}'s status, else 500 (logged with
 * its stack).
 *
 * <p><b>Output</b>: {@link #setStatus}, headers, {@link #write} (a {@code Map} or record is
 * written as JSON), {@link #flush()}, {@link #finish()}, {@link #redirect}, {@link #sendError}.
 * Finishing adds an {@code Etag} (a hash of the body) to a 200 answer to GET or HEAD and answers
 * 304 when it matches {@code If-None-Match}; 204 and 304 answers lose their body and
 * representation headers.
 *
 * <p>Threading: the request's loop thread, like everything a loop owns.
 */
public abstract class RequestHandler {

  private static final Logger log = LoggerFactory.getLogger(RequestHandler.class);
  private static final Logger accessLog = LoggerFactory.getLogger("dev.eddy.web.access");
  static final List<String> SUPPORTED_METHODS =
      List.of("GET", "HEAD", "POST", "DELETE", "PATCH", "PUT", "OPTIONS");

  Application application;
  HttpServerRequest request;
  List<String> pathArgs = List.of();
  Map<String, String> pathKwargs = Map.of();

  private int status = 200;
  private String reason = "OK";
  private HttpHeaders headers = defaultHeaders();
  private final BodyChunks buffer = new BodyChunks();
  private boolean headersWritten;
  private boolean finished;
  private long started = System.nanoTime();
  /** Made on first use: most requests touch no cookie. */
  private HandlerCookies cookies;

  // ---------------------------------------------------------------------------- to override

  /** Receives the route's initialization arguments. */
  protected void initialize(Map<String, Object> args) {}

  /** Runs before the method; may finish the request. @return null or a stage to wait for */
  protected CompletionStage<?> prepare() throws Exception {
    return null;
  }

  protected Object get() throws Exception {
    throw new HttpError(405);
  }

  protected Object head() throws Exception {
    throw new HttpError(405);
  }

  protected Object post() throws Exception {
    throw new HttpError(405);
  }

  protected Object put() throws Exception {
    throw new HttpError(405);
  }

  protected Object delete() throws Exception {
    throw new HttpError(405);
  }

  protected Object patch() throws Exception {
    throw new HttpError(405);
  }

  protected Object options() throws Exception {
    throw new HttpError(405);
  }

  /**
   * A piece of the request body, for a {@link StreamRequestBody} handler.
   *
   * @return null, or a stage before which no more of the body is read
   */
  protected CompletionStage<?> dataReceived(byte[] chunk) throws Exception {
    return null;
  }

  /** Called once the request is finished (the response written). */
  protected void onFinish() {}

  /** Called when the client went away before the request finished. */
  protected void onConnectionClose() {}

  /**
   * Writes the error page for {@code status} (Tornado's plain HTML page; with the {@code debug}
   * setting, the exception's stack trace).
   */
  protected void writeError(int status, Throwable error) {
    if (application != null && application.settings().debug() && error != null) {
      setHeader("Content-Type", "text/plain; charset=UTF-8");
      write(stackTrace(error));
      return;
    }
    write("<html><title>" + status + ": " + escape(reason) + "</title><body>" + status + ": "
        + escape(reason) + "</body></html>");
  }

  // ------------------------------------------------------------------------------------ input

  /** The request. */
  public final HttpServerRequest request() {
    return request;
  }

  /** The application. */
  public final Application application() {
    return application;
  }

  /** The positional path arguments (unnamed groups of the route). */
  public final List<String> pathArgs() {
    return pathArgs;
  }

  /** A positional path argument. */
  public final String pathArg(int i) {
    return pathArgs.get(i);
  }

  /** A named path argument (named group of the route, or {@code {name}} of a lambda route). */
  public final String pathArg(String name) {
    return pathKwargs.get(name);
  }

  /**
   * The last value of the argument {@code name} (query or body).
   *
   * @throws HttpError 400 "Missing argument name" when there is none
   */
  public final String getArgument(String name) {
    String v = getArgument(name, null);
    if (v == null) {
      throw new HttpError(400, "Missing argument " + name, "Missing argument " + name);
    }
    return v;
  }

  /** The last value of the argument {@code name}, or {@code defaultValue}. */
  public final String getArgument(String name, String defaultValue) {
    List<String> all = getArguments(name);
    return all.isEmpty() ? defaultValue : all.get(all.size() - 1);
  }

  /** Every value of the argument {@code name} (query, then body). */
  public final List<String> getArguments(String name) {
    return request.arguments().getOrDefault(name, List.of());
  }

  /** The last value of a query argument, or {@code defaultValue}. */
  public final String getQueryArgument(String name, String defaultValue) {
    List<String> all = request.queryArguments().getOrDefault(name, List.of());
    return all.isEmpty() ? defaultValue : all.get(all.size() - 1);
  }

  /** The last value of a body argument, or {@code defaultValue}. */
  public final String getBodyArgument(String name, String defaultValue) {
    List<String> all = request.bodyArguments().getOrDefault(name, List.of());
    return all.isEmpty() ? defaultValue : all.get(all.size() - 1);
  }

  /**
   * The body as JSON, mapped to {@code type}.
   *
   * @throws HttpError 400 when the body is not JSON of that shape
   */
  public final <T> T jsonBody(Class<T> type) {
    try {
      return Json.MAPPER.readValue(request.body(), type);
    } catch (java.io.IOException e) {
      throw new HttpError(400, "bad JSON body: " + e.getMessage(), "Invalid JSON body");
    }
  }

  /** A request header, or null. */
  public final String header(String name) {
    return request.headers().get(name);
  }

  /** The request's cookie {@code name}, or null. */
  public final String getCookie(String name) {
    return jar().all().get(name);
  }

  /** The request's cookie {@code name}, or {@code defaultValue}. */
  public final String getCookie(String name, String defaultValue) {
    return jar().all().getOrDefault(name, defaultValue);
  }

  /** The handler's cookie jar, made on first use. */
  private HandlerCookies jar() {
    if (cookies == null) {
      cookies = new HandlerCookies(this);
    }
    return cookies;
  }

  /** Every cookie of the request, in the header's order. */
  public final Map<String, String> cookies() {
    return jar().all();
  }

  /**
   * The value of signed cookie {@code name} if it is valid: signed with the application's secret,
   * for that name, at most {@code maxAgeDays} old (Tornado's default 31). Null otherwise.
   *
   * @throws IllegalStateException without {@code Settings.withCookieSecret}
   */
  public final String getSignedCookie(String name, double maxAgeDays) {
    String raw = getCookie(name);
    return raw == null ? null : SignedValues.decode(jar().secret(), name, raw, maxAgeDays,
        java.time.Instant.now().getEpochSecond());
  }

  /** {@link #getSignedCookie(String, double)} with 31 days. */
  public final String getSignedCookie(String name) {
    return getSignedCookie(name, SignedValues.DEFAULT_MAX_AGE_DAYS);
  }

  /**
   * Sets a cookie ({@code Path=/} unless the options say otherwise).
   *
   * @throws IllegalArgumentException for a name or value a cookie cannot carry
   */
  public final void setCookie(String name, String value) {
    setCookie(name, value, CookieOptions.defaults());
  }

  /** Sets a cookie with these attributes. */
  public final void setCookie(String name, String value, CookieOptions options) {
    jar().set(name, value, options);
  }

  /** Sets a cookie signed with the application's secret (Tornado's v2 format). */
  public final void setSignedCookie(String name, String value, CookieOptions options) {
    setCookie(name, SignedValues.create(jar().secret(), name, value,
        java.time.Instant.now().getEpochSecond()), options);
  }

  /** Removes a cookie from the client (path "/"). */
  public final void clearCookie(String name) {
    jar().clear(name, "/", null);
  }

  /**
   * Renders the template {@code name} with {@code model} (plus {@code xsrf_form_html}, {@code
   * xsrf_token} and {@code handler}) and finishes the request with it.
   *
   * @throws IllegalStateException without a {@code Settings.withTemplates} engine
   * @throws java.io.IOException if the template cannot be found or read
   */
  public final CompletableFuture<Void> render(String name, Map<String, Object> model)
      throws java.io.IOException {
    TemplateEngine engine = application.settings().templates();
    if (engine == null) {
      throw new IllegalStateException("render() needs Settings.withTemplates(...)");
    }
    Map<String, Object> all = new java.util.HashMap<>(model);
    if (application.settings().xsrfCookies()) {
      all.putIfAbsent("xsrf_token", xsrfToken());
      all.putIfAbsent("xsrf_form_html", new XsrfField(xsrfFormHtml()));
    }
    all.putIfAbsent("handler", this);
    if (application.settings().staticPath() != null) {
      all.putIfAbsent("static", new StaticUrls(this));
    }
    write(engine.render(name, all));
    return finish();
  }

  /** {@code static.url("app.css")} in a template: {@link #staticUrl}. */
  public record StaticUrls(RequestHandler handler) {
    public String url(String path) {
      return handler.staticUrl(path);
    }
  }

  /** The XSRF form field in a template: raw HTML, not escaped again. */
  record XsrfField(String html) {
    @Override
    public String toString() {
      return html;
    }
  }

  /**
   * The user of this request, for {@link Authenticated} and the handler's own use: null unless a
   * subclass overrides it (typically from a signed cookie). Computed once per request.
   */
  protected Object getCurrentUser() throws Exception {
    return null;
  }

  private Object currentUser;
  private boolean currentUserKnown;

  /** {@link #getCurrentUser()}, computed on first use. */
  public final Object currentUser() throws Exception {
    if (!currentUserKnown) {
      currentUser = getCurrentUser();
      currentUserKnown = true;
    }
    return currentUser;
  }

  /**
   * The URL of a file under the {@code staticPath} setting, with a version argument ({@code
   * /static/app.css?v=...}, a hash of the content, computed once per file) so that it can be
   * cached for long: Tornado's {@code static_url}.
   *
   * @throws IllegalStateException without {@code Settings.withStaticPath}
   */
  public final String staticUrl(String path) {
    java.nio.file.Path root = application.settings().staticPath();
    if (root == null) {
      throw new IllegalStateException("staticUrl() needs Settings.withStaticPath(...)");
    }
    String version = StaticVersions.of(root.resolve(path));
    return "/static/" + path + (version == null ? "" : "?v=" + version);
  }

  /** The XSRF token to put in a form or header (sets the {@code _xsrf} cookie if needed). */
  public final String xsrfToken() {
    return jar().xsrfToken();
  }

  /** {@code <input type="hidden" name="_xsrf" value="...">} for a form. */
  public final String xsrfFormHtml() {
    return "<input type=\"hidden\" name=\"_xsrf\" value=\"" + escape(xsrfToken()) + "\"/>";
  }

  /** The 403 reason if the XSRF check fails, else null. */
  final String checkXsrf() {
    return jar().checkXsrf();
  }

  // ----------------------------------------------------------------------------------- output

  /** Sets the status with its standard reason phrase. */
  public final void setStatus(int code) {
    setStatus(code, null);
  }

  /**
   * Sets the status.
   *
   * @param reason the reason phrase, or null for the standard one
   * @throws IllegalArgumentException for a code outside 100..599, or a reason HTTP cannot carry
   *     (CR, LF or another control, or a character above U+00FF)
   */
  public final void setStatus(int code, String reason) {
    if (code < 100 || code > 599) {
      throw new IllegalArgumentException("not an HTTP status: " + code);
    }
    String r = reason != null ? reason : Reasons.of(code);
    for (int i = 0; i < r.length(); i++) {
      char c = r.charAt(i);
      if (c < 0x20 && c != '\t' || c == 0x7f || c > 0xff) {
        throw new IllegalArgumentException("reason phrase with " + (c > 0xff
            ? "a character above U+00FF" : "a control character") + " at index " + i);
      }
    }
    this.status = code;
    this.reason = r;
  }

  /** The status set so far. */
  public final int status() {
    return status;
  }

  /**
   * Replaces a response header.
   *
   * @throws IllegalArgumentException for a name or value HTTP cannot carry (CR, LF, ...)
   */
  public final void setHeader(String name, String value) {
    headers.set(name, value);
  }

  /** Adds a response header (for repeatable ones: {@code Set-Cookie}). */
  public final void addHeader(String name, String value) {
    headers.add(name, value);
  }

  /** Removes a response header. */
  public final void clearHeader(String name) {
    headers.remove(name);
  }

  /** The response headers so far. */
  public final HttpHeaders responseHeaders() {
    return headers;
  }

  /**
   * Adds to the response body: a {@code String} (UTF-8), bytes, or a {@code Map}, {@code List} or
   * record written as JSON (with {@code Content-Type: application/json; charset=UTF-8}). A byte
   * array is handed over, not copied, as with {@code IOStream.write}: do not change it afterwards.
   *
   * @throws IllegalStateException after {@link #finish()}
   */
  public final void write(Object chunk) {
    if (finished) {
      throw new IllegalStateException("cannot write() after finish()");
    }
    byte[] bytes;
    if (chunk instanceof byte[]) {
      bytes = (byte[]) chunk;
    } else if (chunk instanceof String) {
      bytes = ((String) chunk).getBytes(StandardCharsets.UTF_8);
    } else if (chunk instanceof Map || chunk instanceof List || chunk instanceof Record) {
      bytes = Json.write(chunk);
      setHeader("Content-Type", "application/json; charset=UTF-8");
    } else {
      throw new IllegalArgumentException("write() takes a String, bytes, a Map, a List or a record,"
          + " not " + (chunk == null ? "null" : chunk.getClass().getName()));
    }
    buffer.add(bytes);
  }

  /**
   * Sends what is buffered now (the headers first, chunked): Tornado's {@code flush}.
   *
   * @return completes when it reached the kernel (back-pressure)
   */
  public final CompletableFuture<Void> flush() {
    byte[] chunk = buffer.take();
    if (!headersWritten) {
      headersWritten = true;
      return request.connection().writeResponseHead(startLine(), headers, chunk);
    }
    return chunk.length == 0 ? CompletableFuture.completedFuture(null)
        : request.connection().write(chunk);
  }

  /**
   * Ends the response (adding ETag/304 handling and Content-Length when nothing was flushed yet).
   * Idempotent.
   */
  public final CompletableFuture<Void> finish() {
    if (finished) {
      return CompletableFuture.completedFuture(null);
    }
    CompletableFuture<Void> done;
    if (!headersWritten) {
      byte[] body = buffer.take();
      if (status == 200 && ("GET".equals(request.method()) || "HEAD".equals(request.method()))
          && !headers.contains("Etag") && application.settings().computeEtag()) {
        String etag = etag(body);
        headers.set("Etag", etag);
        String match = header("If-None-Match");
        if (match != null && etagMatches(match, etag)) {
          setStatus(304);
        }
      }
      if (status == 204 || status == 304 || (status >= 100 && status < 200)) {
        for (String h : List.of("Content-Encoding", "Content-Language", "Content-Type",
            "Content-Length", "Transfer-Encoding")) {
          headers.remove(h);
        }
        body = new byte[0];
      } else {
        body = GzipTransform.apply(this, body);
        if (!headers.contains("Transfer-Encoding") && !headers.contains("Content-Length")) {
          headers.set("Content-Length", Integer.toString(body.length));
        }
      }
      headersWritten = true;
      request.connection().writeResponseHead(startLine(), headers, body);
    } else {
      flush();
    }
    finished = true;
    done = request.connection().finish();
    logAccess();
    try {
      onFinish();
    } catch (RuntimeException e) {
      log.error("Error in onFinish of {}", this, e);
    }
    return done;
  }

  /**
   * Records that the connection was handed over to another protocol after a response the
   * subclass wrote itself (a WebSocket's 101): the request counts as finished and is logged.
   */
  protected final void markUpgraded(int statusCode) {
    status = statusCode;
    reason = Reasons.of(statusCode);
    headersWritten = true;
    finished = true;
    logAccess();
  }

  /** True once {@link #finish()} was called. */
  public final boolean finished() {
    return finished;
  }

  /**
   * Redirects: 302, or 301 when {@code permanent}.
   *
   * @throws IllegalStateException if the headers were sent already
   */
  public final void redirect(String url, boolean permanent) {
    redirect(url, permanent ? 301 : 302);
  }

  /** Redirects with {@code status} (3xx). */
  public final void redirect(String url, int status) {
    if (headersWritten) {
      throw new IllegalStateException("cannot redirect after the headers were sent");
    }
    if (status < 300 || status > 399) {
      throw new IllegalArgumentException("not a redirect status: " + status);
    }
    setStatus(status);
    setHeader("Location", url);
    finish();
  }

  /**
   * Answers with an error page for {@code status}, dropping what was written; if the headers
   * were sent already, the connection is closed instead.
   */
  public final void sendError(int status) {
    sendError(status, null, null);
  }

  /** {@link #sendError(int)} keeping these headers on the error page (426's version header). */
  protected final void sendError(int code, HttpHeaders keep) {
    sendError(code, null, null, keep);
  }

  /** Ends a request whose client is gone: nothing more is sent, the connection is closed. */
  final void abandon() {
    finished = true;
    request.connection().close();
  }

  final void sendError(int code, String reasonPhrase, Throwable error) {
    sendError(code, reasonPhrase, error, null);
  }

  /** {@link #sendError(int)} with headers to keep on the error response (405's Allow). */
  final void sendError(int code, String reasonPhrase, Throwable error, HttpHeaders extra) {
    if (headersWritten) {
      log.error("Cannot send error response after headers written");
      if (!finished) {
        request.connection().close();
        finished = true;
      }
      return;
    }
    buffer.clear();
    List<String> setCookies = headers.getAll("Set-Cookie"); // cookies survive an error page
    headers = defaultHeaders();
    for (String c : setCookies) {
      headers.add("Set-Cookie", c);
    }
    if (extra != null) {
      for (HttpHeaders.Field f : extra) {
        headers.add(f.name(), f.value());
      }
    }
    try {
      setStatus(code, reasonPhrase);
    } catch (IllegalArgumentException refused) {
      // An error's reason HTTP cannot carry (CR/LF: an injection attempt through an exception
      // message) must not cost the error its status: the standard phrase goes instead.
      log.warn("Reason phrase for {} refused ({}); sending the standard one", code,
          refused.getMessage());
      setStatus(code >= 100 && code <= 599 ? code : 500, null);
    }
    try {
      writeError(code, error);
    } catch (RuntimeException e) {
      log.error("Uncaught exception in writeError", e);
    }
    if (!finished) {
      finish();
    }
  }

  // --------------------------------------------------------------------------------- helpers

  private ResponseStartLine startLine() {
    return new ResponseStartLine(HttpVersion.HTTP_1_1, status, reason);
  }

  private static HttpHeaders defaultHeaders() {
    HttpHeaders h = new HttpHeaders();
    h.set("Content-Type", "text/html; charset=UTF-8");
    return h;
  }

  /** A strong ETag: the quoted hex SHA-1 of the body, as Tornado computes it. */
  static String etag(byte[] body) {
    byte[] scratch = ETAG_SCRATCH.get(); // the digest, then the quoted hex: the String copies it
    MessageDigest sha1 = SHA1.get();
    sha1.update(body);
    try {
      sha1.digest(scratch, 0, 20);                        // also resets it for reuse
    } catch (java.security.DigestException e) {
      throw new IllegalStateException("SHA-1 is 20 bytes", e);
    }
    for (int i = 19; i >= 0; i--) {                      // backwards: hex overwrites the digest
      int b = scratch[i];
      scratch[2 + 2 * i] = (byte) HEX[b & 0xF];
      scratch[1 + 2 * i] = (byte) HEX[(b >> 4) & 0xF];
    }
    scratch[0] = '"';
    scratch[41] = '"';
    return new String(scratch, 0, 42, java.nio.charset.StandardCharsets.ISO_8859_1);
  }

  private static final ThreadLocal<byte[]> ETAG_SCRATCH = ThreadLocal.withInitial(() -> new byte[42]);

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  /** One SHA-1 per thread: {@code MessageDigest.getInstance} costs more than hashing a page. */
  private static final ThreadLocal<MessageDigest> SHA1 = ThreadLocal.withInitial(() -> {
    try {
      return MessageDigest.getInstance("SHA-1");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is part of every JDK", e);
    }
  });


  /** True if the If-None-Match list names {@code etag} (weak comparison, or {@code *}). */
  static boolean etagMatches(String ifNoneMatch, String etag) {
    String bare = etag.startsWith("W/") ? etag.substring(2) : etag;
    for (String candidate : ifNoneMatch.split(",")) {
      String c = candidate.trim();
      if (c.equals("*")) {
        return true;
      }
      if (c.startsWith("W/")) {
        c = c.substring(2);
      }
      if (c.equals(bare)) {
        return true;
      }
    }
    return false;
  }

  private void logAccess() {
    boolean enabled = status < 400 ? accessLog.isInfoEnabled()
        : status < 500 ? accessLog.isWarnEnabled() : accessLog.isErrorEnabled();
    if (!enabled) {
      return;                                   // no line is built when nobody reads it
    }
    double ms = (System.nanoTime() - started) / 1e6;
    String line = String.format("%d %s %s (%s) %.2fms", status, request.method(), request.uri(),
        request.remoteIp(), ms);
    if (status < 400) {
      accessLog.info(line);
    } else if (status < 500) {
      accessLog.warn(line);
    } else {
      accessLog.error(line);
    }
  }

  /** The exception and its causes with their stacks, as text (the {@code debug} error page). */
  static String stackTrace(Throwable error) {
    StringBuilder out = new StringBuilder();
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      out.append(t == error ? "" : "Caused by: ").append(t).append('\n');
      for (StackTraceElement e : t.getStackTrace()) {
        out.append("\tat ").append(e).append('\n');
      }
    }
    return out.toString();
  }

  static String escape(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<': out.append("&lt;"); break;
        case '>': out.append("&gt;"); break;
        case '&': out.append("&amp;"); break;
        case '"': out.append("&quot;"); break;
        case '\'': out.append("&#39;"); break;
        default: out.append(c);
      }
    }
    return out.toString();
  }

  /** The methods this handler serves (those its class overrides), for 405's {@code Allow}. */
  Set<String> supportedMethods() {
    return HandlerMethods.of(getClass());
  }

  void started(long nanos) {
    started = nanos;
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + (request == null ? "-" : request.method() + " "
        + request.uri()) + "]";
  }
}
