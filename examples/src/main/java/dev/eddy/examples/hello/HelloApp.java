package dev.eddy.examples.hello;

import dev.eddy.loop.IOLoop;
import dev.eddy.web.Application;
import dev.eddy.web.Settings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The README's hello application: {@code /} answers text, {@code /json} a JSON object, and
 * {@code /static/…} serves files from a directory (with ETag, Last-Modified and Range).
 *
 * <p>Each answer names the backend of the loop that served it, so a run with {@code --loops 2}
 * or another {@code -Deddy.poller} shows what it is running on.
 */
public final class HelloApp {

  /** The files the demo ships under {@code hello/static} in its jar. */
  public static final List<String> STATIC_FILES = List.of("hello.txt", "style.css");

  private HelloApp() {}

  /**
   * The application, serving {@code staticDir} under {@code /static/}.
   *
   * <p>One application may serve several loops at once: its routes are fixed before serving and
   * every request gets its own handler.
   */
  public static Application create(Path staticDir) {
    return new Application(Settings.DEFAULTS.withStaticPath(staticDir))
        .get("/", ctx -> "Hello from Eddy on " + backend() + "!\n")
        .get("/json", ctx -> Map.of("message", "Hello, World!", "backend", backend()));
  }

  private static String backend() {
    return IOLoop.current().pollerName();
  }
}
