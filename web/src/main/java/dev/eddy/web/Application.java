package dev.eddy.web;

import dev.eddy.http.HttpMessageDelegate;
import dev.eddy.http.HttpRequestHandler;
import dev.eddy.http.HttpStreamingHandler;
import dev.eddy.http.HttpServer;
import dev.eddy.http.HttpServerOptions;
import dev.eddy.http.HttpServerRequest;
import dev.eddy.loop.IOLoop;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes requests to {@link RequestHandler}s: Tornado's {@code Application}. Add routes (regex
 * patterns, first match wins, anchored), optionally per host pattern ({@link #addHandlers}); a
 * request no route matches gets the default handler (404). {@link #listen} serves it with an
 * {@link HttpServer}; it is also a plain {@link HttpRequestHandler} for a server made elsewhere.
 *
 * <pre>{@code
 * Application app = new Application(Settings.DEFAULTS)
 *     .add("/", MainHandler::new)
 *     .get("/users/{id}", ctx -> Map.of("id", ctx.pathArg("id")));
 * app.listen(loop, 8888);
 * }</pre>
 *
 * <p>Threading: configure before serving; serving runs on the server's loop thread.
 */
public final class Application implements HttpStreamingHandler {

  private static final Logger log = LoggerFactory.getLogger(Application.class);
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-zA-Z][a-zA-Z0-9]*)\\}");

  private final Settings settings;
  private final List<Route> defaultRoutes = new ArrayList<>();
  private final List<HostRoutes> hostRoutes = new ArrayList<>();
  private Supplier<? extends RequestHandler> defaultHandler = () -> new ErrorHandler(404);

  private record HostRoutes(Pattern host, List<Route> routes) {}

  /**
   * An application with these settings; a {@code staticPath} adds the route {@code
   * /static/(.*)} to a {@link StaticFileHandler} on it (named {@code static}), as Tornado does.
   */
  public Application(Settings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
    if (settings.staticPath() != null) {
      add("/static/(.*)", StaticFileHandler::new,
          Map.of("path", settings.staticPath().toString()), "static");
    }
  }

  public Application() {
    this(Settings.DEFAULTS);
  }

  public Settings settings() {
    return settings;
  }

  /** Adds a route for every host. */
  public Application add(Route route) {
    defaultRoutes.add(route);
    return this;
  }

  /** Adds {@code pattern} → a new handler from {@code factory} per request. */
  public Application add(String pattern, Supplier<? extends RequestHandler> factory) {
    return add(new Route(pattern, factory));
  }

  /** Adds a named route with initialization arguments. */
  public Application add(String pattern, Supplier<? extends RequestHandler> factory,
      Map<String, Object> initArgs, String name) {
    return add(new Route(pattern, factory, initArgs, name));
  }

  /**
   * Routes for the hosts matching {@code hostPattern} (a regex over the host name, anchored),
   * tried before the routes for every host, in the order added.
   */
  public Application addHandlers(String hostPattern, List<Route> routes) {
    String anchored = hostPattern.endsWith("$") ? hostPattern : hostPattern + "$";
    hostRoutes.add(new HostRoutes(Pattern.compile(anchored, Pattern.CASE_INSENSITIVE),
        List.copyOf(routes)));
    return this;
  }

  /** The handler for requests no route matches (404 by default). */
  public Application defaultHandler(Supplier<? extends RequestHandler> factory) {
    this.defaultHandler = Objects.requireNonNull(factory, "factory");
    return this;
  }

  /** Small handlers as lambdas: GET on {@code path} ({@code {name}} placeholders allowed). */
  public Application get(String path, Action action) {
    return lambda("GET", path, action);
  }

  public Application post(String path, Action action) {
    return lambda("POST", path, action);
  }

  public Application put(String path, Action action) {
    return lambda("PUT", path, action);
  }

  public Application delete(String path, Action action) {
    return lambda("DELETE", path, action);
  }

  public Application patch(String path, Action action) {
    return lambda("PATCH", path, action);
  }

  /**
   * What a lambda route does: returns null (finished, or finish with what was written), a value
   * to {@link RequestHandler#write} (String, bytes, Map, List, record), or a {@link
   * CompletionStage} of such a value.
   */
  @FunctionalInterface
  public interface Action {
    Object handle(RequestHandler ctx) throws Exception;
  }

  private Application lambda(String method, String path, Action action) {
    Matcher m = PLACEHOLDER.matcher(path);
    StringBuilder regex = new StringBuilder();
    int last = 0;
    while (m.find()) {
      regex.append(Pattern.quote(path.substring(last, m.start())));
      regex.append("(?<").append(m.group(1)).append(">[^/]+)");
      last = m.end();
    }
    regex.append(Pattern.quote(path.substring(last)));
    String pattern = regex.toString();
    for (Route r : defaultRoutes) {
      if (r.pattern().equals(pattern) && r.lambdas() != null) {
        r.lambdas().put(method, action);
        return this;
      }
    }
    Map<String, Action> byMethod = new java.util.LinkedHashMap<>();
    byMethod.put(method, action);
    defaultRoutes.add(Route.lambdas(pattern, byMethod));
    return this;
  }

  /**
   * The path of the route named {@code name} with these arguments.
   *
   * @throws IllegalArgumentException for an unknown name or wrong arguments
   */
  public String reverseUrl(String name, Object... args) {
    for (Route r : allRoutes()) {
      if (name.equals(r.name())) {
        return r.reverse(args);
      }
    }
    throw new IllegalArgumentException("no route named " + name);
  }

  private List<Route> allRoutes() {
    List<Route> all = new ArrayList<>();
    hostRoutes.forEach(h -> all.addAll(h.routes()));
    all.addAll(defaultRoutes);
    return all;
  }

  /** Serves this application on {@code port} of every interface. */
  public HttpServer listen(IOLoop loop, int port) throws IOException {
    return listen(loop, port, null, HttpServerOptions.DEFAULTS);
  }

  /** Serves this application with an {@link HttpServer} on {@code address}:{@code port}. */
  public HttpServer listen(IOLoop loop, int port, String address, HttpServerOptions options)
      throws IOException {
    HttpServer server = new HttpServer(loop, this, options);
    server.listen(port, address);
    return server;
  }

  // -------------------------------------------------------------------------------- serving

  /** Streams the body of requests routed to a {@link StreamRequestBody} handler. */
  @Override
  public HttpMessageDelegate streamBody(HttpServerRequest request) {
    Route.Match match = find(request);
    if (match == null) {
      return null;
    }
    RequestHandler handler = match.route().newHandler();
    if (!handler.getClass().isAnnotationPresent(StreamRequestBody.class)) {
      return null;
    }
    handler.application = this;
    handler.request = request;
    handler.pathArgs = match.args();
    handler.pathKwargs = match.kwargs();
    Map<String, Object> initArgs = match.route().initArgs();
    return new HttpMessageDelegate() {
      private boolean going;

      @Override
      public CompletionStage<?> headersReceived(Object startLine,
          dev.eddy.http.HttpHeaders headers) {
        return Lifecycle.begin(handler, initArgs).handle((go, e) -> {
          if (e != null) {
            Lifecycle.fail(handler, e);
          }
          going = e == null && go && !handler.finished();
          return null;
        });
      }

      @Override
      public CompletionStage<?> dataReceived(byte[] chunk) throws Exception {
        return going ? handler.dataReceived(chunk) : null;
      }

      @Override
      public void finish() {
        if (going) {
          Lifecycle.invoke(handler, new CompletableFuture<>());
        }
      }

      @Override
      public void onConnectionClose() {
        if (!handler.finished()) {
          handler.onConnectionClose();
        }
      }
    };
  }

  @Override
  public CompletionStage<?> handle(HttpServerRequest request) {
    long started = System.nanoTime();
    Route.Match match = find(request);
    RequestHandler handler;
    try {
      handler = match == null ? defaultHandler.get() : match.route().newHandler();
    } catch (RuntimeException e) {
      log.error("Cannot make the handler for {}", request, e);
      return request.respond(500, "Internal Server Error\n");
    }
    handler.application = this;
    handler.request = request;
    handler.started(started);
    if (match != null) {
      handler.pathArgs = match.args();
      handler.pathKwargs = match.kwargs();
    }
    CompletableFuture<Void> done = new CompletableFuture<>();
    RequestHandler h = handler;
    Runnable stopWatching = request.connection().addCloseListener(() -> {
      if (!h.finished()) {
        try {
          h.onConnectionClose();
        } catch (RuntimeException e) {
          log.error("Error in onConnectionClose of {}", h, e);
        }
      }
    });
    Lifecycle.run(handler, match == null ? Map.of() : match.route().initArgs(), done);
    return done.whenComplete((v, e) -> {
      if (h.finished()) {
        stopWatching.run();
      }
    });
  }

  private Route.Match find(HttpServerRequest request) {
    String host = hostRoutes.isEmpty() ? null : request.hostName();
    for (HostRoutes h : hostRoutes) {
      if (h.host().matcher(host).matches()) {
        Route.Match m = match(h.routes(), request.path());
        if (m != null) {
          return m;
        }
      }
    }
    return match(defaultRoutes, request.path());
  }

  private static Route.Match match(List<Route> routes, String path) {
    for (Route r : routes) {
      Route.Match m = r.match(path);
      if (m != null) {
        return m;
      }
    }
    return null;
  }

  @Override
  public String toString() {
    return "Application[" + allRoutes() + "]";
  }
}
