package dev.eddy.examples.proxy;

import dev.eddy.http.AsyncHttpClient;
import dev.eddy.web.Application;
import dev.eddy.web.Settings;
import java.time.Duration;
import java.util.Map;

/**
 * A reverse proxy in one route: every path goes to {@link ProxyHandler}, which forwards it to
 * the upstream.
 */
public final class ProxyApp {

  private ProxyApp() {}

  /**
   * The application for one loop.
   *
   * @param upstream the upstream's base URL, such as {@code http://127.0.0.1:8080}
   * @param client the {@link AsyncHttpClient} of the loop that will serve the application
   * @param timeout how long one upstream exchange may take before the answer is 504
   * @throws IllegalArgumentException if {@code upstream} is not an http(s) URL without a path
   */
  public static Application create(String upstream, AsyncHttpClient client, Duration timeout) {
    if (!upstream.matches("https?://[^/?#]+")) {
      throw new IllegalArgumentException("the upstream must be http(s)://host[:port] without a"
          + " path, got '" + upstream + "'");
    }
    return new Application(Settings.DEFAULTS.withComputeEtag(false))
        .add("/.*", ProxyHandler::new,
            Map.of("client", client, "upstream", upstream, "timeout", timeout), "proxy");
  }
}
