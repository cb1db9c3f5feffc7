package dev.eddy.http;

/**
 * How a message's body is delimited (RFC 9112 §6.3): no body, {@code Content-Length} bytes,
 * chunked, or until the connection closes (responses only).
 *
 * @param kind the framing
 * @param length the body length for {@link Kind#LENGTH}, else -1
 */
record Framing(Kind kind, long length) {

  enum Kind { NONE, LENGTH, CHUNKED, UNTIL_CLOSE }

  static final Framing NONE = new Framing(Kind.NONE, -1);
  static final Framing CHUNKED = new Framing(Kind.CHUNKED, -1);
  static final Framing UNTIL_CLOSE = new Framing(Kind.UNTIL_CLOSE, -1);

  static Framing length(long n) {
    return n == 0 ? NONE : new Framing(Kind.LENGTH, n);
  }
}
