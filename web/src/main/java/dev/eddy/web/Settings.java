package dev.eddy.web;

/**
 * An application's settings, Tornado's names where it has them: {@code debug} (stack traces in
 * error pages), {@code computeEtag} (on), the cookie secret for signed cookies and XSRF-free
 * features ({@link SecretSource}; none by default), and {@code xsrfCookies} (check an XSRF token on
 * every POST, PUT, PATCH and DELETE; off by default), and the {@link TemplateEngine} of {@link
 * RequestHandler#render} (none by default), the login URL of {@link Authenticated}, and gzip
 * compression of answers. Immutable; change one with a {@code with} method.
 *
 * @param debug stack traces in error pages
 * @param computeEtag add an ETag to 200 answers to GET/HEAD and answer 304 when it matches
 * @param cookieSecret the secret(s) signed cookies are signed with, or null
 * @param xsrfCookies check XSRF tokens
 * @param templates the template engine, or null
 * @param loginUrl where {@link Authenticated} sends visitors without a user, or null
 * @param compressResponse gzip text-like answers of at least 1 KiB to clients that accept it
 * @param staticPath a directory served under {@code /static/} (with {@link
 *     RequestHandler#staticUrl}), or null
 */
public record Settings(boolean debug, boolean computeEtag, SecretSource cookieSecret,
    boolean xsrfCookies, TemplateEngine templates, String loginUrl, boolean compressResponse,
    java.nio.file.Path staticPath) {

  /** debug off, ETags on; no secret, XSRF check, templates, login URL, gzip or static path. */
  public static final Settings DEFAULTS =
      new Settings(false, true, null, false, null, null, false, null);

  public Settings withDebug(boolean on) {
    return new Settings(on, computeEtag, cookieSecret, xsrfCookies,
        templates, loginUrl, compressResponse, staticPath);
  }

  public Settings withComputeEtag(boolean on) {
    return new Settings(debug, on, cookieSecret, xsrfCookies,
        templates, loginUrl, compressResponse, staticPath);
  }

  public Settings withCookieSecret(SecretSource secret) {
    return new Settings(debug, computeEtag, secret, xsrfCookies,
        templates, loginUrl, compressResponse, staticPath);
  }

  public Settings withXsrfCookies(boolean on) {
    return new Settings(debug, computeEtag, cookieSecret, on,
        templates, loginUrl, compressResponse, staticPath);
  }

  public Settings withTemplates(TemplateEngine engine) {
    return new Settings(debug, computeEtag, cookieSecret, xsrfCookies, engine, loginUrl,
        compressResponse, staticPath);
  }

  public Settings withLoginUrl(String url) {
    return new Settings(debug, computeEtag, cookieSecret, xsrfCookies, templates, url,
        compressResponse, staticPath);
  }

  /** Serves {@code dir} under {@code /static/} and enables {@link RequestHandler#staticUrl}. */
  public Settings withStaticPath(java.nio.file.Path dir) {
    return new Settings(debug, computeEtag, cookieSecret, xsrfCookies, templates, loginUrl,
        compressResponse, dir);
  }

  /**
   * Templates from {@code dir} through {@link PebbleTemplates}, cached unless {@code debug} is on
   * (set debug first).
   */
  public Settings withTemplatePath(java.nio.file.Path dir) {
    return withTemplates(new PebbleTemplates(dir, !debug));
  }

  public Settings withCompressResponse(boolean on) {
    return new Settings(debug, computeEtag, cookieSecret, xsrfCookies, templates, loginUrl, on,
        staticPath);
  }
}
