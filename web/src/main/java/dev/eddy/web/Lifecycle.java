package dev.eddy.web;

import dev.eddy.http.HttpHeaders;
import dev.eddy.stream.StreamClosedException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one handler through Tornado's lifecycle ({@code RequestHandler._execute}): initialize,
 * 405 for a method the handler does not serve, prepare, the method, auto-finish; exceptions and
 * failed stages become error responses. Loop thread.
 */
final class Lifecycle {

  private static final Logger log = LoggerFactory.getLogger(Lifecycle.class);
  /** The methods whose requests must carry the XSRF token (Tornado: all but GET, HEAD, OPTIONS). */
  private static final java.util.Set<String> XSRF_CHECKED =
      java.util.Set.of("POST", "PUT", "PATCH", "DELETE");

  private Lifecycle() {}

  static void run(RequestHandler h, Map<String, Object> initArgs, CompletableFuture<Void> done) {
    CompletionStage<?> prepared;
    try {
      prepared = checkAndPrepare(h, initArgs);
    } catch (Exception e) {
      failed(h, unwrap(e));
      done.complete(null);
      return;
    }
    if (prepared == null) { // synchronous all the way: no stage is made
      if (h.finished()) {
        done.complete(null);
      } else {
        invoke(h, done);
      }
      return;
    }
    prepared.whenComplete((v, e) -> {
      if (e != null) {
        failed(h, unwrap(e));
        done.complete(null);
      } else if (h.finished()) {
        done.complete(null);
      } else {
        invoke(h, done);
      }
    });
  }

  /**
   * Initialize, the method and XSRF checks, prepare: what {@code prepare} returned (null when it
   * ran synchronously, or when a check answered the request already).
   */
  private static CompletionStage<?> checkAndPrepare(RequestHandler h,
      Map<String, Object> initArgs) throws Exception {
    h.initialize(initArgs);
    String method = h.request.method();
    if (!RequestHandler.SUPPORTED_METHODS.contains(method)) {
      methodNotAllowed(h);
      return null;
    }
    if (h.application.settings().xsrfCookies() && XSRF_CHECKED.contains(method)) {
      String refused = h.checkXsrf();
      if (refused != null) {
        log.warn("403 {}: {}", h, refused);
        h.sendError(403, null, new HttpError(403, refused, null));
        return null;
      }
    }
    return h.prepare();
  }

  /**
   * The first half: initialize, the method and XSRF checks, prepare. Completes with whether the
   * request goes on to its method (false once answered); fails with what prepare threw.
   */
  static CompletableFuture<Boolean> begin(RequestHandler h, Map<String, Object> initArgs) {
    try {
      CompletionStage<?> prepared = checkAndPrepare(h, initArgs);
      CompletableFuture<?> f = prepared == null ? CompletableFuture.completedFuture(null)
          : prepared.toCompletableFuture();
      return f.thenApply(v -> !h.finished());
    } catch (Exception e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** The second half: the method (after the 405 and user checks), then the automatic finish. */
  static void invoke(RequestHandler h, CompletableFuture<Void> done) {
    CompletionStage<?> stage;
    try {
      stage = callMethod(h);
    } catch (Exception e) {
      methodEnded(h, e, done);
      return;
    }
    if (stage == null) {
      methodEnded(h, null, done); // a synchronous method: no stage is made
    } else {
      stage.whenComplete((v, e) -> methodEnded(h, e, done));
    }
  }

  /**
   * The method, after the 405 and user checks: what it returned if that is a stage (or the
   * executor's stage of a {@code @Blocking} one), else null.
   */
  private static CompletionStage<?> callMethod(RequestHandler h) throws Exception {
    String method = h.request.method();
    if (!h.supportedMethods().contains(method)) { // after prepare, as in Tornado
      methodNotAllowed(h);
      return null;
    }
    if (HandlerMethods.annotated(h.getClass(), method, Authenticated.class)
        && h.currentUser() == null) {
      notLoggedIn(h, method);
      return null;
    }
    if (HandlerMethods.annotated(h.getClass(), method, Blocking.class)) {
      // Off the loop; the stage completes back on the loop's thread.
      return h.request.connection().stream().loop().runInExecutor(() -> {
        Object r = invoke(h, method);
        if (r instanceof CompletionStage) {
          throw new IllegalStateException("a @Blocking method returns its result, not a stage");
        }
        return r;
      });
    }
    Object result = invoke(h, method);
    return result instanceof CompletionStage ? (CompletionStage<?>) result : null;
  }

  /** After the method: the error answer, or the automatic finish; then the request is done. */
  private static void methodEnded(RequestHandler h, Throwable e, CompletableFuture<Void> done) {
    try {
      if (e != null) {
        failed(h, unwrap(e));
      } else if (!h.finished()) {
        h.finish();
      }
    } catch (RuntimeException failure) {
      failed(h, failure); // a finish that threw (a transform's error): answered, or closed
    } finally {
      done.complete(null);
    }
  }

  /** An error of a phase: the error answer. */
  static void fail(RequestHandler h, Throwable e) {
    failed(h, unwrap(e));
  }

  /**
   * Tornado's {@code @authenticated} without a user: GET/HEAD go to the login URL with {@code
   * next}; others get 403.
   */
  private static void notLoggedIn(RequestHandler h, String method) {
    String login = h.application.settings().loginUrl();
    if ((method.equals("GET") || method.equals("HEAD")) && login != null) {
      String next = login.startsWith("http://") || login.startsWith("https://")
          ? h.request.fullUrl() : h.request.uri();
      String url = login + (login.contains("?") ? "&" : "?") + "next="
          + java.net.URLEncoder.encode(next, java.nio.charset.StandardCharsets.UTF_8);
      h.redirect(url, false);
      return;
    }
    h.sendError(403, null, new HttpError(403, "not logged in", null));
  }

  /** 405 with {@code Allow} naming the methods the handler serves. */
  private static void methodNotAllowed(RequestHandler h) {
    HttpHeaders allow = new HttpHeaders();
    allow.set("Allow", String.join(", ", h.supportedMethods()));
    h.sendError(405, null, null, allow);
  }

  private static Object invoke(RequestHandler h, String method) throws Exception {
    switch (method.toUpperCase(Locale.ROOT)) {
      case "GET": return h.get();
      case "HEAD": return h.head();
      case "POST": return h.post();
      case "PUT": return h.put();
      case "DELETE": return h.delete();
      case "PATCH": return h.patch();
      case "OPTIONS": return h.options();
      default: throw new HttpError(405);
    }
  }

  private static void failed(RequestHandler h, Throwable e) {
    if (e instanceof StreamClosedException && h.request().connection().stream().closed()) {
      // The client left mid-answer (a reset, a closed tab): the handler learnt it from the
      // failed write; nobody is left to answer, and it is no fault of the server's.
      log.debug("{}: the client left before the answer was complete ({})", h, e.getMessage());
      h.abandon();
      return;
    }
    if (e instanceof HttpError) {
      HttpError err = (HttpError) e;
      if (err.status() >= 500) {
        log.error("{}: {}", h, e.getMessage());
      } else {
        log.debug("{}: {}", h, e.getMessage());
      }
      h.sendError(err.status(), err.reason(), e);
      return;
    }
    log.error("Uncaught exception in {}", h, e);
    h.sendError(500, null, e);
  }

  private static Throwable unwrap(Throwable e) {
    while (e instanceof CompletionException && e.getCause() != null) {
      e = e.getCause();
    }
    return e;
  }
}
