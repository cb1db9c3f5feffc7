package dev.eddy.testing.web;

import dev.eddy.http.AsyncHttpClient;
import dev.eddy.http.HttpClientOptions;
import dev.eddy.http.HttpRequest;
import dev.eddy.http.HttpResponse;
import dev.eddy.http.HttpServer;
import dev.eddy.http.HttpServerOptions;
import dev.eddy.loop.IOLoop;
import dev.eddy.testing.AsyncTestContext;
import dev.eddy.testing.EddyLoopTest;
import dev.eddy.web.Application;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A base class for tests of an Eddy {@link Application} over real HTTP, Tornado's {@code
 * AsyncHTTPTestCase}: before each test the application from {@link #application()} listens on a
 * free port of 127.0.0.1, on the test's fresh loop ({@link EddyLoopTest}), and an {@link
 * AsyncHttpClient} is ready to call it.
 *
 * <pre>{@code
 * class HelloTest extends EddyHttpTest {
 *   @Override
 *   protected Application application() {
 *     return new Application().add("/hello", HelloHandler::new);
 *   }
 *
 *   @Test
 *   void saysHello() {
 *     HttpResponse r = fetch("/hello?name=you");
 *     assertEquals(200, r.code());
 *     assertEquals("hello you", r.bodyText());
 *   }
 * }
 * }</pre>
 *
 * <h2>Threading</h2>
 * Everything here is called on the test's thread. {@link #fetch} runs the loop (and so the
 * server) until the response is there, at most the test's {@link dev.eddy.testing.AsyncTimeout
 * async timeout}; between fetches the loop does not run. For concurrent requests, start them with
 * {@link #httpClient()} and wait with {@link #async()}{@code .await(...)}.
 *
 * <h2>Errors</h2>
 * A response with an error status is returned, not thrown (as Tornado's {@code fetch} with {@code
 * raise_error=False}); a request that got no response (599) throws a {@link
 * java.util.concurrent.CompletionException} whose cause is the client's (checked) {@link
 * dev.eddy.http.HttpClientException}. Exceptions in the server's callbacks and a fetch that
 * times out fail the test as {@link AsyncTestContext#await} says.
 *
 * <h2>Clean-up</h2>
 * After each test (after the subclass's own {@code @AfterEach} methods) the client is closed, the
 * server stops listening and closes its connections; then the loop extension checks that no
 * handle was left open and closes the loop.
 */
@EddyLoopTest
public abstract class EddyHttpTest {

  private AsyncTestContext async;
  private HttpServer server;
  private AsyncHttpClient client;
  private int port;

  /** For subclasses. */
  protected EddyHttpTest() {}

  /**
   * The application under test, made for each test on the test's thread; {@link #loop()} is
   * available already.
   */
  protected abstract Application application();

  /** The server's options (Tornado's {@code get_httpserver_options}); by default the defaults. */
  protected HttpServerOptions serverOptions() {
    return HttpServerOptions.DEFAULTS;
  }

  /** The client's options; by default the defaults. */
  protected HttpClientOptions clientOptions() {
    return HttpClientOptions.DEFAULTS;
  }

  /** "http", or "https" for {@link EddyHttpsTest}. */
  protected String protocol() {
    return "http";
  }

  /**
   * Starts the server and the client; run by JUnit before the subclass's {@code @BeforeEach}
   * methods.
   *
   * @throws IOException if the server cannot listen
   */
  @BeforeEach
  protected final void startEddyHttpServer(AsyncTestContext context) throws IOException {
    this.async = context;
    Application app = Objects.requireNonNull(application(), "application() returned null");
    server = app.listen(context.loop(), 0, "127.0.0.1", serverOptions());
    port = ((InetSocketAddress) server.addresses().get(0)).getPort();
    client = new AsyncHttpClient(context.loop(), clientOptions());
  }

  /**
   * Closes the client, stops the server and closes its connections; run by JUnit after the
   * subclass's {@code @AfterEach} methods.
   */
  @AfterEach
  protected final void stopEddyHttpServer() {
    if (client != null) {
      client.close();
    }
    if (server != null) {
      server.stop();
      async.await(server::closeAllConnections);
    }
  }

  /** The test's loop. */
  protected final IOLoop loop() {
    return async.loop();
  }

  /** The test's async context, to await futures on the loop. */
  protected final AsyncTestContext async() {
    return async;
  }

  /** The port the server listens on, on 127.0.0.1. */
  protected final int port() {
    return port;
  }

  /** The server (Tornado's {@code http_server}). */
  protected final HttpServer httpServer() {
    return server;
  }

  /** The client {@link #fetch} uses (Tornado's {@code http_client}). */
  protected final AsyncHttpClient httpClient() {
    return client;
  }

  /** The absolute URL of {@code path} on the server, e.g. {@code http://127.0.0.1:40123/x}. */
  protected final String url(String path) {
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("a path starts with /: " + path);
    }
    return protocol() + "://127.0.0.1:" + port + path;
  }

  /** GETs {@code path} (or an absolute {@code http(s)://} URL) and returns the response. */
  protected final HttpResponse fetch(String path) {
    return fetch(path, UnaryOperator.identity());
  }

  /**
   * Fetches {@code path} (or an absolute URL) with the request {@code options} sets: method,
   * headers, body and the rest of {@link HttpRequest.Builder}.
   *
   * <pre>{@code
   * fetch("/items", r -> r.method("POST").header("Content-Type", "text/plain").body("x"));
   * }</pre>
   */
  protected final HttpResponse fetch(String path, UnaryOperator<HttpRequest.Builder> options) {
    String target = path.startsWith("http://") || path.startsWith("https://") ? path : url(path);
    return fetch(options.apply(HttpRequest.builder(target).raiseError(false)).build());
  }

  /** Fetches a complete request, waiting for its response on the loop. */
  protected final HttpResponse fetch(HttpRequest request) {
    return async.await(() -> client.fetch(request));
  }
}
