package dev.eddy.web;

/**
 * An application's settings, Tornado's names where it has them: {@code debug} (stack traces in
 * error pages), {@code computeEtag} (on), the cookie secret for signed cookies and XSRF-free
 * features ({@link SecretSource}; none by default), and {@code xsrfCookies} (check an XSRF token on
 * every POST, PUT, PATCH and DELETE; off by default). Immutable; change one with a {@code with}
 * method.
 *
 * @param debug stack traces in error pages
 * @param computeEtag add an ETag to 200 answers to GET/HEAD and answer 304 when it matches
 * @param cookieSecret the secret(s) signed cookies are signed with, or null
 * @param xsrfCookies check XSRF tokens
 */
public record Settings(boolean debug, boolean computeEtag, SecretSource cookieSecret,
    boolean xsrfCookies) {

  /** debug off, ETags on, no cookie secret, no XSRF check. */
  public static final Settings DEFAULTS = new Settings(false, true, null, false);

  public Settings withDebug(boolean on) {
    return new Settings(on, computeEtag, cookieSecret, xsrfCookies);
  }

  public Settings withComputeEtag(boolean on) {
    return new Settings(debug, on, cookieSecret, xsrfCookies);
  }

  public Settings withCookieSecret(SecretSource secret) {
    return new Settings(debug, computeEtag, secret, xsrfCookies);
  }

  public Settings withXsrfCookies(boolean on) {
    return new Settings(debug, computeEtag, cookieSecret, on);
  }
}
