package dev.eddy.web;

/**
 * An application's settings, Tornado's names where it has them: {@code debug} (stack traces in
 * error pages), {@code computeEtag} (on), the cookie secret for signed cookies and XSRF-free
 * features ({@link SecretSource}; none by default), and {@code xsrfCookies} (check an XSRF token on
 * every POST, PUT, PATCH and DELETE; off by default), and the {@link TemplateEngine} of {@link
 * RequestHandler#render} (none by default). Immutable; change one with a {@code with} method.
 *
 * @param debug stack traces in error pages
 * @param computeEtag add an ETag to 200 answers to GET/HEAD and answer 304 when it matches
 * @param cookieSecret the secret(s) signed cookies are signed with, or null
 * @param xsrfCookies check XSRF tokens
 * @param templates the template engine, or null
 */
public record Settings(boolean debug, boolean computeEtag, SecretSource cookieSecret,
    boolean xsrfCookies, TemplateEngine templates) {

  /** debug off, ETags on, no cookie secret, no XSRF check, no templates. */
  public static final Settings DEFAULTS = new Settings(false, true, null, false, null);

  public Settings withDebug(boolean on) {
    return new Settings(on, computeEtag, cookieSecret, xsrfCookies, templates);
  }

  public Settings withComputeEtag(boolean on) {
    return new Settings(debug, on, cookieSecret, xsrfCookies, templates);
  }

  public Settings withCookieSecret(SecretSource secret) {
    return new Settings(debug, computeEtag, secret, xsrfCookies, templates);
  }

  public Settings withXsrfCookies(boolean on) {
    return new Settings(debug, computeEtag, cookieSecret, on, templates);
  }

  public Settings withTemplates(TemplateEngine engine) {
    return new Settings(debug, computeEtag, cookieSecret, xsrfCookies, engine);
  }
}
