package dev.eddy.web;

import java.time.Instant;

/**
 * Attributes of a {@code Set-Cookie} header built by {@link Cookies#setCookieValue}. Immutable and
 * thread-safe; start from {@link #defaults()} (Path "/", nothing else, as Tornado's {@code set_cookie})
 * and use the withers. Values are validated when the header is built, not here.
 *
 * @param domain Domain attribute, or null/empty for none
 * @param path Path attribute, or null/empty for none
 * @param expires Expires attribute (written as an IMF-fixdate), or null
 * @param maxAgeSeconds Max-Age attribute, or null (unlike Tornado, 0 is written, not dropped)
 * @param secure whether to add Secure
 * @param httpOnly whether to add HttpOnly
 * @param sameSite SameSite attribute, or null
 */
public record CookieOptions(
    String domain,
    String path,
    Instant expires,
    Long maxAgeSeconds,
    boolean secure,
    boolean httpOnly,
    SameSite sameSite) {

  /** The SameSite attribute values. */
  public enum SameSite {
    STRICT("Strict"),
    LAX("Lax"),
    NONE("None");

    private final String attribute;

    SameSite(String attribute) {
      this.attribute = attribute;
    }

    /** The attribute value as written: "Strict", "Lax" or "None". */
    public String attribute() {
      return attribute;
    }
  }

  /** Path "/" and no other attribute. */
  public static CookieOptions defaults() {
    return new CookieOptions(null, "/", null, null, false, false, null);
  }

  public CookieOptions withDomain(String domain) {
    return new CookieOptions(domain, path, expires, maxAgeSeconds, secure, httpOnly, sameSite);
  }

  public CookieOptions withPath(String path) {
    return new CookieOptions(domain, path, expires, maxAgeSeconds, secure, httpOnly, sameSite);
  }

  public CookieOptions withExpires(Instant expires) {
    return new CookieOptions(domain, path, expires, maxAgeSeconds, secure, httpOnly, sameSite);
  }

  public CookieOptions withMaxAge(Long maxAgeSeconds) {
    return new CookieOptions(domain, path, expires, maxAgeSeconds, secure, httpOnly, sameSite);
  }

  public CookieOptions withSecure(boolean secure) {
    return new CookieOptions(domain, path, expires, maxAgeSeconds, secure, httpOnly, sameSite);
  }

  public CookieOptions withHttpOnly(boolean httpOnly) {
    return new CookieOptions(domain, path, expires, maxAgeSeconds, secure, httpOnly, sameSite);
  }

  public CookieOptions withSameSite(SameSite sameSite) {
    return new CookieOptions(domain, path, expires, maxAgeSeconds, secure, httpOnly, sameSite);
  }
}
