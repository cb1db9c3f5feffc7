package dev.eddy.examples.blocking;

import dev.eddy.http.AsyncHttpClient;
import dev.eddy.http.HttpClient;
import dev.eddy.http.HttpResponse;
import dev.eddy.web.Application;
import dev.eddy.web.Settings;

/**
 * The front application: {@code /api/block} and {@code /api/noblock} both ask the slow backend's
 * {@code /api/time} and pass its answer on.
 *
 * <ul>
 *   <li>{@code /api/block} calls it with the blocking {@link HttpClient}, on the loop thread: the
 *       loop can do nothing else until the answer comes, so concurrent clients are served one
 *       after another — and the slow-callback detector ({@code -Deddy.slowCallbackMillis=100})
 *       logs the loop thread's stack, with {@code HttpClient.fetch} in it.
 *   <li>{@code /api/noblock} calls it with the {@link AsyncHttpClient} and returns the future:
 *       the loop goes on serving while the backend thinks.
 * </ul>
 *
 * <p>Never point {@code /api/block} at a backend on the same loop: the loop would wait for itself
 * until the request times out. The demo runs the backend on a loop of its own.
 */
public final class Frontend {

  private Frontend() {}

  /**
   * The application; {@code timeUrl} is the backend's {@code /api/time}. {@code async} must belong
   * to the loop that serves this application.
   */
  public static Application create(String timeUrl, HttpClient blocking, AsyncHttpClient async) {
    return new Application(Settings.DEFAULTS)
        .get("/api/block", ctx -> {
          HttpResponse r = blocking.fetch(timeUrl);       // holds the loop thread: don't do this
          ctx.setHeader("Content-Type", "application/json; charset=UTF-8");
          return r.body();
        })
        .get("/api/noblock", ctx -> async.fetch(timeUrl).thenApply(r -> {
          ctx.setHeader("Content-Type", "application/json; charset=UTF-8");
          return r.body();
        }));
  }
}
