package dev.eddy.web;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Map;

/**
 * The cookie side of a {@link RequestHandler}: the request's cookies (parsed once), signed cookies
 * with the application's secret, and the XSRF token (Tornado's {@code xsrf_token}: the raw token
 * from the {@code _xsrf} cookie, or a new one set as that cookie, presented masked). One per
 * handler; loop thread.
 */
final class HandlerCookies {

  static final String XSRF_COOKIE = "_xsrf";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final RequestHandler handler;
  private Map<String, String> parsed;
  private String xsrfToken;

  HandlerCookies(RequestHandler handler) {
    this.handler = handler;
  }

  Map<String, String> all() {
    if (parsed == null) {
      String header = handler.request().headers().get("Cookie");
      parsed = header == null ? Map.of() : Cookies.parse(header);
    }
    return parsed;
  }

  void set(String name, String value, CookieOptions options) {
    handler.addHeader("Set-Cookie", Cookies.setCookieValue(name, value, options));
  }

  void clear(String name, String path, String domain) {
    handler.addHeader("Set-Cookie", Cookies.clearCookie(name, path, domain, Instant.now()));
  }

  SecretSource secret() {
    SecretSource s = handler.application().settings().cookieSecret();
    if (s == null) {
      throw new IllegalStateException("signed cookies need Settings.withCookieSecret(...)");
    }
    return s;
  }

  /** The masked XSRF token for this request, setting the cookie if the request had none. */
  String xsrfToken() {
    if (xsrfToken == null) {
      XsrfTokens.Decoded existing = XsrfTokens.decode(all().get(XSRF_COOKIE));
      byte[] raw = existing != null ? existing.token() : XsrfTokens.newRawToken(RANDOM);
      long now = Instant.now().getEpochSecond();
      xsrfToken = XsrfTokens.newToken(raw, now, RANDOM);
      if (existing == null) {
        set(XSRF_COOKIE, xsrfToken, CookieOptions.defaults());
      }
    }
    return xsrfToken;
  }

  /**
   * The 403 reason if the request's XSRF token does not match its cookie, else null: the {@code
   * _xsrf} argument, else the {@code X-Xsrftoken} or {@code X-Csrftoken} header.
   */
  String checkXsrf() {
    String token = handler.getArgument("_xsrf", null);
    if (token == null) {
      token = handler.header("X-Xsrftoken");
    }
    if (token == null) {
      token = handler.header("X-Csrftoken");
    }
    return XsrfTokens.check(all().get(XSRF_COOKIE), token);
  }
}
