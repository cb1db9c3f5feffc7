package dev.eddy.http;

import java.util.Locale;
import java.util.Set;

/**
 * Parses the trailer section of a chunked body (RFC 9112 §7.1.2): the field lines after the last
 * chunk, validated exactly like header fields ({@link HeadParser#parseFields}) and counted against
 * the same limits. Fields a trailer must not carry (RFC 9110 §6.5.1: those needed for framing,
 * routing, request modifiers, authentication, content handling or connection control) are refused
 * rather than ignored, so that no later layer can mistake one for a header.
 *
 * <p>The statuses are a server's (400, 431); a client reading a response treats any {@link
 * HttpInputException} as a malformed response. Stateless; thread-safe.
 */
final class Trailers {

  /** Lower-cased names refused in a trailer section. */
  private static final Set<String> FORBIDDEN = Set.of(
      // framing (RFC 9112 §6)
      "content-length", "transfer-encoding", "trailer",
      // routing (RFC 9110 §7.2)
      "host",
      // content handling (RFC 9110 §8)
      "content-encoding", "content-type", "content-range",
      // connection control and request modifiers (RFC 9110 §7.6, §10.1)
      "connection", "keep-alive", "upgrade", "te", "expect",
      // authentication and state
      "authorization", "proxy-authorization", "cookie", "set-cookie");

  private Trailers() {}

  /**
   * Parses {@code block[0, length)}: zero or more field lines and the empty line that ends them
   * (an empty trailer section is just CRLF).
   *
   * @param p the limits: {@code maxHeaderBytes} and {@code maxHeaderCount} (431)
   * @return the trailer fields, in order
   * @throws HttpInputException 400 for a malformed line or a forbidden field, 431 over a limit
   * @throws IndexOutOfBoundsException if {@code length} is outside {@code block}
   */
  static HttpHeaders parse(byte[] block, int length, HttpParameters p)
      throws HttpInputException {
    HeadParser.Input in = new HeadParser.Input(block, length, true);
    if (length > p.maxHeaderBytes()) {
      throw in.error(431, "trailer section longer than " + p.maxHeaderBytes() + " bytes");
    }
    HttpHeaders trailers = new HttpHeaders();
    HeadParser.parseFields(in, p, trailers, false);
    for (HttpHeaders.Field f : trailers) {
      if (FORBIDDEN.contains(f.name().toLowerCase(Locale.ROOT))) {
        throw in.error(400, "field " + f.name() + " is not allowed in a trailer section");
      }
    }
    return trailers;
  }
}
