package dev.eddy.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Cookie header parsing and {@code Set-Cookie} formatting compatible with Tornado
 * ({@code httputil.parse_cookie}, {@code RequestHandler.set_cookie}/{@code clear_cookie} on Python's
 * {@code http.cookies.Morsel}). Stateless and thread-safe.
 */
public final class Cookies {

  /** Python's {@code http.cookies._LegalChars} punctuation: values of only these need no quotes. */
  private static final String PY_LEGAL_PUNCT = "!#$%&'*+-.^_`|~:";
  /** RFC 9110 token punctuation, for cookie names. */
  private static final String TOKEN_PUNCT = "!#$%&'*+-.^_`|~";
  private static final DateTimeFormatter IMF_FIXDATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  private Cookies() {}

  /**
   * Parses a {@code Cookie} request header like Tornado's {@code parse_cookie}: split on ';', then on
   * the first '='; a chunk without '=' is a value with the empty name (browser behaviour); names and
   * values are stripped of (Python) whitespace; chunks that are empty after stripping are skipped; a
   * double-quoted value is unquoted ({@code \ooo} octal and {@code \c} escapes); a later duplicate name
   * wins. Runs in time linear in the header length (CVE-2024-7592) and never throws on malformed input.
   *
   * @param cookieHeader the header value; null gives an empty map
   * @return a new mutable map in header order
   */
  public static Map<String, String> parse(String cookieHeader) {
    Map<String, String> cookies = new LinkedHashMap<>();
    if (cookieHeader == null) {
      return cookies;
    }
    int start = 0;
    int len = cookieHeader.length();
    int eq = -1; // next '=' at or after start; -1 = not searched yet, -2 = none left (linear overall)
    while (start <= len) {
      int semi = cookieHeader.indexOf(';', start);
      int end = semi < 0 ? len : semi;
      if (eq != -2 && eq < start) {
        eq = cookieHeader.indexOf('=', start);
        if (eq < 0) {
          eq = -2; // none left; never search again
        }
      }
      String key;
      String val;
      if (eq >= 0 && eq < end) {
        key = strip(cookieHeader, start, eq);
        val = strip(cookieHeader, eq + 1, end);
      } else {
        key = "";
        val = strip(cookieHeader, start, end);
      }
      if (!key.isEmpty() || !val.isEmpty()) {
        cookies.put(key, unquote(val));
      }
      start = end + 1;
    }
    return cookies;
  }

  /**
   * Builds a {@code Set-Cookie} header value the way Tornado (Python's Morsel) writes it:
   * {@code name=value} then, in this order, {@code Domain}, {@code expires}, {@code HttpOnly},
   * {@code Max-Age}, {@code Path}, {@code SameSite}, {@code Secure}. A value containing characters
   * outside Python's unquoted set (such as '=' or '/' in signed values) or an empty value is wrapped in
   * double quotes, as Python does.
   *
   * @throws IllegalArgumentException naming the problem if the name is not an RFC 9110 token, the value
   *     contains a control character, whitespace, non-ASCII, ';', ',', '"' or '\', or the domain or path
   *     contains a control character, whitespace or ';' (Tornado 6.5.5 attribute-injection fix)
   * @throws NullPointerException if name, value or options is null
   */
  public static String setCookieValue(String name, String value, CookieOptions options) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(options, "options");
    checkName(name);
    boolean quote = checkValue(name, value);
    checkAttribute(name, "domain", options.domain());
    checkAttribute(name, "path", options.path());
    StringBuilder sb = new StringBuilder(name).append('=');
    if (quote) {
      sb.append('"').append(value).append('"');
    } else {
      sb.append(value);
    }
    if (options.domain() != null && !options.domain().isEmpty()) {
      sb.append("; Domain=").append(options.domain());
    }
    if (options.expires() != null) {
      sb.append("; expires=").append(formatHttpDate(options.expires()));
    }
    if (options.httpOnly()) {
      sb.append("; HttpOnly");
    }
    if (options.maxAgeSeconds() != null) {
      sb.append("; Max-Age=").append(options.maxAgeSeconds().longValue());
    }
    if (options.path() != null && !options.path().isEmpty()) {
      sb.append("; Path=").append(options.path());
    }
    if (options.sameSite() != null) {
      sb.append("; SameSite=").append(options.sameSite().attribute());
    }
    if (options.secure()) {
      sb.append("; Secure");
    }
    return sb.toString();
  }

  /**
   * A {@code Set-Cookie} value deleting {@code name} (Tornado's {@code clear_cookie}): empty value,
   * {@code expires} 365 days before {@code now} and additionally {@code Max-Age=0}. Path and domain must
   * equal the ones the cookie was set with.
   *
   * @param path the cookie's path; null means "/"
   * @param domain the cookie's domain, or null
   * @throws IllegalArgumentException as {@link #setCookieValue}
   */
  public static String clearCookie(String name, String path, String domain, Instant now) {
    CookieOptions options =
        CookieOptions.defaults()
            .withPath(path == null ? "/" : path)
            .withDomain(domain)
            .withExpires(now.minusSeconds(365L * 86_400L))
            .withMaxAge(0L);
    return setCookieValue(name, "", options);
  }

  /** Formats an instant as an IMF-fixdate, e.g. {@code Thu, 01 Jan 1970 00:00:00 GMT}. */
  public static String formatHttpDate(Instant instant) {
    return IMF_FIXDATE.format(instant);
  }

  private static void checkName(String name) {
    if (name.isEmpty()) {
      throw new IllegalArgumentException("Invalid cookie name: empty");
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!isAlnum(c) && TOKEN_PUNCT.indexOf(c) < 0) {
        throw new IllegalArgumentException(
            "Invalid cookie name " + describe(name) + ": character " + describe(c) + " is not a token");
      }
    }
  }

  /** Validates the value; returns whether Python would quote it. */
  private static boolean checkValue(String name, String value) {
    boolean quote = value.isEmpty();
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c <= 0x20 || c >= 0x7f || c == ';' || c == ',' || c == '"' || c == '\\') {
        throw new IllegalArgumentException(
            "Invalid value for cookie " + describe(name) + ": illegal character " + describe(c));
      }
      if (!isAlnum(c) && PY_LEGAL_PUNCT.indexOf(c) < 0) {
        quote = true;
      }
    }
    return quote;
  }

  private static void checkAttribute(String name, String attribute, String value) {
    if (value == null) {
      return;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c <= 0x20 || c >= 0x7f || c == ';') {
        throw new IllegalArgumentException(
            "Invalid cookie attribute "
                + attribute
                + "="
                + describe(value)
                + " for cookie "
                + describe(name)
                + ": illegal character "
                + describe(c));
      }
    }
  }

  private static boolean isAlnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }

  private static String describe(char c) {
    return c >= 0x21 && c < 0x7f ? "'" + c + "'" : String.format("U+%04X", (int) c);
  }

  private static String describe(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < s.length() && i < 64; i++) {
      char c = s.charAt(i);
      sb.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\u%04x", (int) c));
    }
    return sb.append(s.length() > 64 ? "...\"" : "\"").toString();
  }

  /** {@code s.substring(from, to)} without leading/trailing whitespace as Python's str.strip(). */
  private static String strip(String s, int from, int to) {
    while (from < to && isPyWhitespace(s.charAt(from))) {
      from++;
    }
    while (to > from && isPyWhitespace(s.charAt(to - 1))) {
      to--;
    }
    return s.substring(from, to);
  }

  private static boolean isPyWhitespace(char c) {
    return Character.isWhitespace(c) || c == '\u0085' || c == '\u00a0' || c == '\u2007' || c == '\u202f';
  }

  /** Python's http.cookies._unquote, in one linear pass. */
  static String unquote(String s) {
    int n = s.length();
    if (n < 2 || s.charAt(0) != '"' || s.charAt(n - 1) != '"') {
      return s;
    }
    StringBuilder sb = new StringBuilder(n - 2);
    int end = n - 1;
    for (int i = 1; i < end; i++) {
      char c = s.charAt(i);
      if (c != '\\' || i + 1 >= end || s.charAt(i + 1) == '\n') {
        sb.append(c);
      } else if (i + 3 < end
          && isOctal(s.charAt(i + 1), '3')
          && isOctal(s.charAt(i + 2), '7')
          && isOctal(s.charAt(i + 3), '7')) {
        sb.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
        i += 3;
      } else {
        sb.append(s.charAt(i + 1));
        i++;
      }
    }
    return sb.toString();
  }

  private static boolean isOctal(char c, char max) {
    return c >= '0' && c <= max;
  }
}
