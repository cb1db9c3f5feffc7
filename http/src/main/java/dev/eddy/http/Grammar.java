package dev.eddy.http;

/**
 * The productions of RFC 9110 (HTTP semantics), RFC 9112 (HTTP/1.1), RFC 5234 (core rules) and
 * RFC 3986 (URI) that Eddy needs, as static methods named after them. No regular expressions: each
 * check is one pass over the characters, so that the parser's hot path stays linear and
 * allocation-free.
 *
 * <p>Bytes are passed as {@code int} values 0–255 (callers mask with {@code & 0xff}); strings are
 * ISO-8859-1 views of those bytes, so a {@code char} above 255 never matches anything.
 *
 * <p>The {@code is…} methods answer; the {@code check…} methods are for what Eddy itself is about
 * to write (a header we send, a reason phrase, a method or target of a client request) and throw
 * {@link IllegalArgumentException} naming the offending character and its index, before anything
 * reaches the wire. Stateless; thread-safe.
 */
final class Grammar {

  private static final int HTAB = '\t';
  private static final int SP = ' ';
  private static final int DEL = 0x7f;

  private Grammar() {}

  // ---- RFC 5234 Appendix B.1 core rules ----

  /** {@code DIGIT = %x30-39}. */
  static boolean isDigit(int c) {
    return c >= '0' && c <= '9';
  }

  /** {@code ALPHA = %x41-5A / %x61-7A}. */
  static boolean isAlpha(int c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  /** {@code HEXDIG = DIGIT / "A"-"F"}, case-insensitive as ABNF strings are. */
  static boolean isHexdig(int c) {
    return hexValue(c) >= 0;
  }

  /** {@code VCHAR = %x21-7E}: visible US-ASCII. */
  static boolean isVchar(int c) {
    return c >= 0x21 && c <= 0x7e;
  }

  /** {@code CTL = %x00-1F / %x7F}. */
  static boolean isCtl(int c) {
    return (c >= 0 && c < 0x20) || c == DEL;
  }

  /** {@code OWS}/{@code BWS}/{@code RWS} whitespace: {@code SP / HTAB} and nothing else. */
  static boolean isWhitespace(int c) {
    return c == SP || c == HTAB;
  }

  // ---- RFC 9110 §5.5, §5.6.2 ----

  /** {@code obs-text = %x80-FF} (RFC 9110 §5.5). */
  static boolean isObsText(int c) {
    return c >= 0x80 && c <= 0xff;
  }

  /** {@code field-vchar = VCHAR / obs-text} (RFC 9110 §5.5). */
  static boolean isFieldVchar(int c) {
    return isVchar(c) || isObsText(c);
  }

  /**
   * {@code tchar = "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" / "." / "^" / "_" / "`" /
   * "|" / "~" / DIGIT / ALPHA} (RFC 9110 §5.6.2).
   */
  static boolean isTchar(int c) {
    if (isAlpha(c) || isDigit(c)) {
      return true;
    }
    switch (c) {
      case '!': case '#': case '$': case '%': case '&': case '\'': case '*': case '+': case '-':
      case '.': case '^': case '_': case '`': case '|': case '~':
        return true;
      default:
        return false;
    }
  }

  /** {@code token = 1*tchar} (RFC 9110 §5.6.2). */
  static boolean isToken(CharSequence s) {
    return s.length() > 0 && tokenEnd(s, 0, s.length()) == s.length();
  }

  /** {@code token = 1*tchar} over {@code b[from, to)}. */
  static boolean isToken(byte[] b, int from, int to) {
    if (from >= to) {
      return false;
    }
    for (int i = from; i < to; i++) {
      if (!isTchar(b[i] & 0xff)) {
        return false;
      }
    }
    return true;
  }

  /** The index of the first non-{@code tchar} in {@code s[from, to)}, or {@code to}. */
  static int tokenEnd(CharSequence s, int from, int to) {
    int i = from;
    while (i < to && isTchar(s.charAt(i))) {
      i++;
    }
    return i;
  }

  /**
   * {@code field-value = *field-content}, {@code field-content = field-vchar [ 1*( SP / HTAB /
   * field-vchar ) field-vchar ]} (RFC 9110 §5.5): field-vchars, SP and HTAB, not starting or ending
   * with whitespace. The empty string is a field-value.
   */
  static boolean isFieldValue(CharSequence s) {
    int n = s.length();
    if (n > 0 && (isWhitespace(s.charAt(0)) || isWhitespace(s.charAt(n - 1)))) {
      return false;
    }
    return firstInvalidFieldValueChar(s) < 0;
  }

  /**
   * The index of the first character of {@code s} that may not appear in a field value at all
   * (anything but field-vchar, SP and HTAB: CR, LF, NUL, other controls, DEL, chars above 255), or
   * -1. Leading and trailing whitespace is not flagged: a recipient strips it (RFC 9110 §5.5).
   */
  static int firstInvalidFieldValueChar(CharSequence s) {
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      if (!isFieldVchar(c) && !isWhitespace(c)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * {@code reason-phrase = 1*( HTAB / SP / VCHAR / obs-text )} (RFC 9112 §4), also accepting the
   * empty string because the status-line makes the phrase optional.
   */
  static boolean isReasonPhrase(CharSequence s) {
    return firstInvalidFieldValueChar(s) < 0;
  }

  /**
   * {@code request-target} as sent on the wire (RFC 9112 §3.2): one or more field-vchars. Like
   * Tornado, this is looser than RFC 3986 (obs-text is let through for clients that send raw UTF-8)
   * but admits no whitespace or control character.
   */
  static boolean isRequestTarget(CharSequence s) {
    int n = s.length();
    if (n == 0) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      if (!isFieldVchar(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** {@code scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )} (RFC 3986 §3.1). */
  static boolean isScheme(CharSequence s, int from, int to) {
    if (from >= to || !isAlpha(s.charAt(from))) {
      return false;
    }
    for (int i = from + 1; i < to; i++) {
      char c = s.charAt(i);
      if (!isAlpha(c) && !isDigit(c) && c != '+' && c != '-' && c != '.') {
        return false;
      }
    }
    return true;
  }

  /**
   * {@code Host = uri-host [ ":" port ]} (RFC 9110 §7.2), with {@code uri-host = IP-literal /
   * IPv4address / reg-name} and {@code port = *DIGIT} (RFC 3986 §3.2.2, §3.2.3). An IP-literal is
   * checked for its characters only (hex digits, ":" and "."), not as a full IPv6 address. Two
   * departures, both stricter, as Tornado 6.5 does: a comma is refused in reg-name (it is how a
   * proxy joins two Host fields, RFC 9110 §5.3, and DNS has no commas), and a port has at most five
   * digits with a value up to 65535. The empty string is valid (RFC 9110 §7.2: a Host for a target
   * without authority).
   */
  static boolean isHost(CharSequence s) {
    int n = s.length();
    int i = 0;
    if (n > 0 && s.charAt(0) == '[') {
      i = 1;
      while (i < n && s.charAt(i) != ']') {
        char c = s.charAt(i);
        if (!isHexdig(c) && c != ':' && c != '.') {
          return false;
        }
        i++;
      }
      if (i == n || i == 1) {
        return false; // no closing bracket, or "[]"
      }
      i++;
    } else {
      while (i < n && s.charAt(i) != ':') {
        char c = s.charAt(i);
        if (c == '%') {
          if (i + 2 >= n || !isHexdig(s.charAt(i + 1)) || !isHexdig(s.charAt(i + 2))) {
            return false;
          }
          i += 3;
          continue;
        }
        if (!isRegNameChar(c)) {
          return false;
        }
        i++;
      }
    }
    if (i == n) {
      return true;
    }
    if (s.charAt(i) != ':') {
      return false;
    }
    int digits = n - i - 1;
    if (digits == 0) {
      return true; // port = *DIGIT: "host:" is allowed by RFC 3986 §3.2.3
    }
    long port = digits <= 5 ? parseDecimal(s, i + 1, n) : -1;
    return port >= 0 && port <= 65535;
  }

  /** {@code unreserved / sub-delims} (RFC 3986 §2.2, §2.3), comma excluded (see isHost). */
  private static boolean isRegNameChar(int c) {
    if (isAlpha(c) || isDigit(c)) {
      return true;
    }
    switch (c) {
      case '-': case '.': case '_': case '~':
      case '!': case '$': case '&': case '\'': case '(': case ')': case '*': case '+': case ';':
      case '=':
        return true;
      default:
        return false;
    }
  }

  // ---- checks for what we write ----

  /**
   * Checks a field name we are about to send: a token (RFC 9110 §5.1).
   *
   * @throws IllegalArgumentException if it is null, empty or has a non-token character
   */
  static void checkFieldName(String name) {
    checkToken("header name", name);
  }

  /**
   * Checks a field value we are about to send: field-vchars, SP and HTAB only (RFC 9110 §5.5).
   * Leading or trailing whitespace is allowed (the recipient strips it).
   *
   * @throws IllegalArgumentException if it is null or holds CR, LF, NUL, another control character,
   *     DEL or a character that ISO-8859-1 cannot carry, naming it and its index
   */
  static void checkFieldValue(String value) {
    if (value == null) {
      throw new IllegalArgumentException("header value is null");
    }
    int bad = firstInvalidFieldValueChar(value);
    if (bad >= 0) {
      throw new IllegalArgumentException("header value has " + describe(value.charAt(bad))
          + " at index " + bad + " (only visible characters, obs-text, SP and HTAB allowed)");
    }
  }

  /**
   * Checks a reason phrase we are about to send (RFC 9112 §4); empty is allowed.
   *
   * @throws IllegalArgumentException if it is null or holds CR, LF, NUL, another control character
   *     or a character that ISO-8859-1 cannot carry
   */
  static void checkReason(String reason) {
    if (reason == null) {
      throw new IllegalArgumentException("reason phrase is null");
    }
    int bad = firstInvalidFieldValueChar(reason);
    if (bad >= 0) {
      throw new IllegalArgumentException("reason phrase has " + describe(reason.charAt(bad))
          + " at index " + bad);
    }
  }

  /**
   * Checks a request method we are about to send: a token (RFC 9110 §9.1).
   *
   * @throws IllegalArgumentException if it is null, empty or has a non-token character
   */
  static void checkMethod(String method) {
    checkToken("method", method);
  }

  /**
   * Checks a request-target we are about to send (RFC 9112 §3.2): non-empty, no whitespace or
   * control characters.
   *
   * @throws IllegalArgumentException if it is null, empty or has such a character
   */
  static void checkRequestTarget(String target) {
    if (target == null || target.isEmpty()) {
      throw new IllegalArgumentException("request target is " + (target == null ? "null"
          : "empty"));
    }
    for (int i = 0; i < target.length(); i++) {
      if (!isFieldVchar(target.charAt(i))) {
        throw new IllegalArgumentException("request target has " + describe(target.charAt(i))
            + " at index " + i);
      }
    }
  }

  private static void checkToken(String what, String s) {
    if (s == null || s.isEmpty()) {
      throw new IllegalArgumentException(what + " is " + (s == null ? "null" : "empty"));
    }
    int end = tokenEnd(s, 0, s.length());
    if (end != s.length()) {
      throw new IllegalArgumentException(what + " has " + describe(s.charAt(end)) + " at index "
          + end + " (not a token character, RFC 9110 §5.6.2)");
    }
  }

  /** A character for an error message: printable ones quoted, others as {@code 0x0d (CR)}. */
  static String describe(int c) {
    switch (c) {
      case '\r':
        return "CR";
      case '\n':
        return "LF";
      case 0:
        return "NUL";
      case '\t':
        return "HTAB";
      case ' ':
        return "SP";
      default:
        if (c > 0x20 && c < DEL) {
          return "'" + (char) c + "'";
        }
        return String.format("0x%02x", c);
    }
  }

  // ---- numbers ----

  /** True if {@code s[from, to)} is {@code 1*DIGIT}. */
  static boolean isDigits(CharSequence s, int from, int to) {
    if (from >= to) {
      return false;
    }
    for (int i = from; i < to; i++) {
      if (!isDigit(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** True if {@code s} is {@code 1*DIGIT}. */
  static boolean isDigits(CharSequence s) {
    return isDigits(s, 0, s.length());
  }

  /**
   * The value of {@code 1*DIGIT} in {@code s[from, to)}; -1 if it is empty, has anything but
   * digits (no sign, no space, no "_") or exceeds {@link Long#MAX_VALUE}. Leading zeros are fine.
   */
  static long parseDecimal(CharSequence s, int from, int to) {
    if (from >= to) {
      return -1;
    }
    long v = 0;
    for (int i = from; i < to; i++) {
      int d = s.charAt(i) - '0';
      if (d < 0 || d > 9) {
        return -1;
      }
      if (v > (Long.MAX_VALUE - d) / 10) {
        return -1;
      }
      v = v * 10 + d;
    }
    return v;
  }

  /** {@link #parseDecimal(CharSequence, int, int)} over all of {@code s}. */
  static long parseDecimal(CharSequence s) {
    return parseDecimal(s, 0, s.length());
  }

  /** {@link #parseDecimal(CharSequence, int, int)} over the bytes {@code b[from, to)}. */
  static long parseDecimal(byte[] b, int from, int to) {
    if (from >= to) {
      return -1;
    }
    long v = 0;
    for (int i = from; i < to; i++) {
      int d = b[i] - '0';
      if (d < 0 || d > 9) {
        return -1;
      }
      if (v > (Long.MAX_VALUE - d) / 10) {
        return -1;
      }
      v = v * 10 + d;
    }
    return v;
  }

  /** The value of one hex digit, or -1. */
  static int hexValue(int c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }

  /**
   * The value of {@code 1*HEXDIG} in {@code b[from, to)}; -1 if it is empty or has anything but
   * hex digits (no "0x", no sign), -2 if the digits are valid but the value exceeds {@link
   * Long#MAX_VALUE}. Leading zeros are fine.
   */
  static long parseHex(byte[] b, int from, int to) {
    if (from >= to) {
      return -1;
    }
    long v = 0;
    boolean overflow = false;
    for (int i = from; i < to; i++) {
      int d = hexValue(b[i] & 0xff);
      if (d < 0) {
        return -1;
      }
      if (v > (Long.MAX_VALUE >>> 4)) {
        overflow = true;
      } else {
        v = (v << 4) | d;
      }
    }
    return overflow ? -2 : v;
  }

  /** {@link #parseHex(byte[], int, int)} over the characters {@code s[from, to)}. */
  static long parseHex(CharSequence s, int from, int to) {
    if (from >= to) {
      return -1;
    }
    long v = 0;
    boolean overflow = false;
    for (int i = from; i < to; i++) {
      int d = hexValue(s.charAt(i));
      if (d < 0) {
        return -1;
      }
      if (v > (Long.MAX_VALUE >>> 4)) {
        overflow = true;
      } else {
        v = (v << 4) | d;
      }
    }
    return overflow ? -2 : v;
  }
}
