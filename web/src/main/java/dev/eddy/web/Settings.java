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
 */
public record Settings(boolean debug, boolean computeEtag, SecretSource cookieSecret,
    boolean xsrfCookies, TemplateEngine templates, String loginUrl, boolean compressResponse) {

  /** debug off, ETags on, no cookie secret, no XSRF check, no templates, no login URL, no gzip. */
  public static final Settings DEFAULTS =
      new Settings(false, true, null, false, null, null, false);

  public Settings withDebug(boolean on) {
    return new Settings(on, computeEtag, cookieSecret, xsrfCookies,
        templates, loginUrl, compressResponse);
  }

  public Settings withComputeEtag(boolean on) {
    return new Settings(debug, on, cookieSecret, xsrfCookies,
        templates, loginUrl, compressResponse);
  }

  public Settings withCookieSecret(SecretSource secret) {
    return new Settings(debug, computeEtag, secret, xsrfCookies,
        templates, loginUrl, compressResponse);
  }

  public Settings withXsrfCookies(boolean on) {
    return new Settings(debug, computeEtag, cookieSecret, on,
        templates, loginUrl, compressResponse);
  }

  public Settings withTemplates(TemplateEngine engine) {
    return new Settings(debug, computeEtag, cookieSecret, xsrfCookies, engine, loginUrl,
        compressResponse);
  }

  public Settings withLoginUrl(String url) {
    return new Settings(debug, computeEtag, cookieSecret, xsrfCookies, templates, url,
        compressResponse);
  }

  public Settings withCompressResponse(boolean on) {
    return new Settings(debug, computeEtag, cookieSecret, xsrfCookies, templates, loginUrl, on);
  }
}
