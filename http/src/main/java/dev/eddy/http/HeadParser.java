package dev.eddy.http;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * Parses and validates a whole message head (start line, field lines, empty line) received from
 * the peer, strictly by RFC 9112 and RFC 9110, straight from the bytes and without regular
 * expressions. It decides the body's framing, so every smuggling-relevant rule lives here: {@code
 * Content-Length} is {@code 1*DIGIT}, {@code Transfer-Encoding} must be exactly {@code chunked},
 * both together are refused, lines end with CRLF only, obs-fold and control characters are refused.
 *
 * <p>Each rule that a peer breaks is one {@link HttpInputException} with its own message (which
 * never echoes the peer's bytes beyond one described character or a header name, since it may end
 * up in a response body). For requests it carries the status the server answers with (400, 413,
 * 414, 417, 431, 501, 505); for responses the status is 0. Input is decoded as ISO-8859-1.
 *
 * <p>Stateless; thread-safe.
 */
final class HeadParser {

  private HeadParser() {}

  /**
   * Parses a request head.
   *
   * @param head the bytes; {@code head[0, length)} is the whole head including the empty line
   *     that ends it (it ends with CRLF CRLF). Empty lines (CRLF) before the request line are
   *     skipped (RFC 9112 §2.2).
   * @param p the limits: {@code maxStartLineBytes} (414), {@code maxHeaderBytes} and {@code
   *     maxHeaderCount} (431), {@code maxBodySize} against {@code Content-Length} (413)
   * @return the validated head, with framing NONE, LENGTH or CHUNKED
   * @throws HttpInputException with the status to answer with, if the head breaks a rule
   * @throws IndexOutOfBoundsException if {@code length} is outside {@code head}
   */
  static RequestHead parseRequest(byte[] head, int length, HttpParameters p)
      throws HttpInputException {
    Input in = new Input(head, length, true);
    // RFC 9112 §2.2: a server SHOULD ignore at least one empty line before the request-line.
    while (in.pos + 1 < length && head[in.pos] == '\r' && head[in.pos + 1] == '\n') {
      in.pos += 2;
    }
    if (in.pos == length) {
      throw in.error(400, "no request line");
    }
    int lineStart = in.pos;
    int lineEnd = in.lineEnd(p.maxStartLineBytes(), 414, "request line");
    if (length > p.maxHeaderBytes()) {
      throw in.error(431, "request head longer than " + p.maxHeaderBytes() + " bytes");
    }
    RequestStartLine start = requestLine(in, lineStart, lineEnd);
    in.pos = lineEnd + 2;
    HttpHeaders headers = new HttpHeaders();
    parseFields(in, p, headers, true);

    checkHost(in, start, headers);
    Framing framing = framing(in, start.version(), headers, p.maxBodySize());
    boolean expectContinue = expectContinue(in, start.version(), headers);
    return new RequestHead(start, headers, framing, expectContinue);
  }

  /**
   * Parses a response head. Its framing depends on the request: see {@link #responseFraming}.
   *
   * @param head the bytes; {@code head[0, length)} is the whole head including the empty line
   *     that ends it
   * @param p the limits: {@code maxStartLineBytes}, {@code maxHeaderBytes}, {@code
   *     maxHeaderCount}. Not {@code maxBodySize}: a response to HEAD or a 304 may announce a
   *     Content-Length it does not send, so the caller checks {@link #responseFraming}'s length.
   * @return the validated head (Content-Length, if any, is one valid decimal field; 1xx and 204
   *     have no body framing)
   * @throws HttpInputException with status 0, if the head breaks a rule
   * @throws IndexOutOfBoundsException if {@code length} is outside {@code head}
   */
  static ResponseHead parseResponse(byte[] head, int length, HttpParameters p)
      throws HttpInputException {
    Input in = new Input(head, length, false);
    int lineEnd = in.lineEnd(p.maxStartLineBytes(), 0, "status line");
    if (length > p.maxHeaderBytes()) {
      throw in.error(0, "response head longer than " + p.maxHeaderBytes() + " bytes");
    }
    ResponseStartLine start = statusLine(in, 0, lineEnd);
    in.pos = lineEnd + 2;
    HttpHeaders headers = new HttpHeaders();
    parseFields(in, p, headers, true);

    // No maxBodySize check here: a response to HEAD, or a 304, legitimately announces a
    // Content-Length it does not send. The caller compares responseFraming's length instead.
    Framing framing = framing(in, start.version(), headers, Long.MAX_VALUE);
    int code = start.code();
    // RFC 9110 §8.6 and RFC 9112 §6.1: no Content-Length or Transfer-Encoding in 1xx and 204.
    // Like Tornado, tolerate "Content-Length: 0", which frames nothing.
    if ((code < 200 || code == 204) && framing.kind() != Framing.Kind.NONE) {
      throw in.error(0, "a " + code + " response cannot have Content-Length or "
          + "Transfer-Encoding");
    }
    return new ResponseHead(start, headers);
  }

  /**
   * The framing of a response body (RFC 9112 §6.3): NONE for a response to HEAD, for 1xx, 204 and
   * 304, and for a 2xx to CONNECT (the connection becomes a tunnel); else CHUNKED or LENGTH from the
   * fields that {@link #parseResponse} validated; else UNTIL_CLOSE.
   *
   * @param head a head returned by {@link #parseResponse}
   * @param requestMethod the method of the request it answers, as sent (methods are
   *     case-sensitive, RFC 9110 §9.1)
   * @throws IllegalArgumentException if the head has an invalid {@code Content-Length}, which a
   *     parsed head never has
   */
  static Framing responseFraming(ResponseHead head, String requestMethod) {
    int code = head.startLine().code();
    if ("HEAD".equals(requestMethod) || code < 200 || code == 204 || code == 304) {
      return Framing.NONE;
    }
    if ("CONNECT".equals(requestMethod) && code < 300) {
      return Framing.NONE;
    }
    HttpHeaders h = head.headers();
    if (h.contains("Transfer-Encoding")) {
      return Framing.CHUNKED;
    }
    String cl = h.get("Content-Length");
    if (cl != null) {
      long n = Grammar.parseDecimal(cl);
      if (n < 0) {
        throw new IllegalArgumentException("head has an invalid Content-Length; was it parsed?");
      }
      return Framing.length(n);
    }
    return Framing.UNTIL_CLOSE;
  }

  // ---- start lines ----

  /** {@code request-line = method SP request-target SP HTTP-version} (RFC 9112 §3). */
  private static RequestStartLine requestLine(Input in, int from, int to)
      throws HttpInputException {
    byte[] b = in.b;
    int sp1 = indexOf(b, from, to, ' ');
    int sp2 = sp1 < 0 ? -1 : indexOf(b, sp1 + 1, to, ' ');
    if (sp2 < 0) {
      throw in.error(400, "request line is not 'method SP request-target SP HTTP-version'");
    }
    if (sp1 == from) {
      throw in.error(400, "request line starts with whitespace");
    }
    int bad = firstNonTchar(b, from, sp1);
    if (bad >= 0) {
      throw in.error(400, "method has " + Grammar.describe(b[bad] & 0xff) + " at index "
          + (bad - from) + " (not a token character)");
    }
    if (sp2 == sp1 + 1) {
      throw in.error(400, "request line has two SPs after the method (empty request-target)");
    }
    for (int i = sp1 + 1; i < sp2; i++) {
      if (!Grammar.isFieldVchar(b[i] & 0xff)) {
        throw in.error(400, "request-target has " + Grammar.describe(b[i] & 0xff)
            + " at index " + (i - sp1 - 1));
      }
    }
    HttpVersion version = version(in, sp2 + 1, to, "request line");
    String method = in.latin1(from, sp1);
    String target = in.latin1(sp1 + 1, sp2);
    checkTargetForm(in, method, target);
    return new RequestStartLine(method, target, version);
  }

  /**
   * The four forms of request-target (RFC 9112 §3.2): origin-form {@code /path?query},
   * absolute-form {@code scheme://…}, authority-form {@code host:port} only for CONNECT (§3.2.3,
   * RFC 9110 §9.3.6: the port is required) and asterisk-form {@code *} only for OPTIONS (§3.2.4).
   */
  private static void checkTargetForm(Input in, String method, String target)
      throws HttpInputException {
    if ("CONNECT".equals(method)) {
      int colon = target.lastIndexOf(':');
      if (colon <= 0 || colon == target.length() - 1 || !Grammar.isHost(target)
          || target.indexOf(']', colon) >= 0) {
        throw in.error(400, "CONNECT needs an authority-form target (host:port)");
      }
      return;
    }
    if (target.equals("*")) {
      if (!method.equals("OPTIONS")) {
        throw in.error(400, "asterisk-form target is only allowed with OPTIONS");
      }
      return;
    }
    if (target.charAt(0) == '/') {
      return;
    }
    int colon = target.indexOf(':');
    if (colon > 0 && Grammar.isScheme(target, 0, colon) && target.startsWith("//", colon + 1)
        && target.length() > colon + 3) {
      return;
    }
    throw in.error(400, "request-target is neither origin-form ('/…') nor absolute-form");
  }

  /**
   * {@code status-line = HTTP-version SP status-code SP [ reason-phrase ]} (RFC 9112 §4). The SP
   * after the code is required even when the reason is empty; the code must be 100–599 (RFC 9110
   * §15).
   */
  private static ResponseStartLine statusLine(Input in, int from, int to)
      throws HttpInputException {
    byte[] b = in.b;
    int sp1 = indexOf(b, from, to, ' ');
    if (sp1 < 0) {
      throw in.error(0, "status line is not 'HTTP-version SP status-code SP reason'");
    }
    HttpVersion version = version(in, from, sp1, "status line");
    int codeEnd = sp1 + 4;
    if (codeEnd > to || !isDigits(b, sp1 + 1, codeEnd)
        || (codeEnd < to && b[codeEnd] != ' ')) {
      throw in.error(0, "status code is not three digits");
    }
    if (codeEnd == to) {
      throw in.error(0, "status line has no SP after the status code");
    }
    int code = (int) Grammar.parseDecimal(b, sp1 + 1, codeEnd);
    if (code < 100 || code > 599) {
      throw in.error(0, "status code " + code + " is outside 100-599");
    }
    for (int i = codeEnd + 1; i < to; i++) {
      int c = b[i] & 0xff;
      if (!Grammar.isFieldVchar(c) && !Grammar.isWhitespace(c)) {
        throw in.error(0, "reason phrase has " + Grammar.describe(c));
      }
    }
    return new ResponseStartLine(version, code, in.latin1(codeEnd + 1, to));
  }

  /**
   * {@code HTTP-version = HTTP-name "/" DIGIT "." DIGIT}, {@code HTTP-name = %s"HTTP"} (RFC 9112
   * §2.3): 1.0 and 1.1 are spoken; any other well-formed version is 505.
   */
  private static HttpVersion version(Input in, int from, int to, String where)
      throws HttpInputException {
    byte[] b = in.b;
    boolean wellFormed = to - from == 8 && b[from] == 'H' && b[from + 1] == 'T'
        && b[from + 2] == 'T' && b[from + 3] == 'P' && b[from + 4] == '/'
        && Grammar.isDigit(b[from + 5]) && b[from + 6] == '.' && Grammar.isDigit(b[from + 7]);
    if (!wellFormed) {
      throw in.error(400, "malformed HTTP-version in the " + where);
    }
    if (b[from + 5] == '1' && b[from + 7] == '1') {
      return HttpVersion.HTTP_1_1;
    }
    if (b[from + 5] == '1' && b[from + 7] == '0') {
      return HttpVersion.HTTP_1_0;
    }
    throw in.error(505, "HTTP version " + (char) b[from + 5] + "." + (char) b[from + 7]
        + " is not supported");
  }

  // ---- field lines ----

  /**
   * Parses the field lines from {@code in.pos} up to and including the empty line, which must end
   * exactly at {@code in.length}: {@code field-line = field-name ":" OWS field-value OWS} (RFC 9112
   * §5), with only SP and HTAB stripped. Shared with {@link Trailers}.
   *
   * @param afterStartLine true for a head (a first line starting with whitespace is then RFC 9112
   *     §2.2's whitespace after the start line), false for a trailer section
   */
  static void parseFields(Input in, HttpParameters p, HttpHeaders into, boolean afterStartLine)
      throws HttpInputException {
    byte[] b = in.b;
    int count = 0;
    while (true) {
      int from = in.pos;
      int to = in.lineEnd(Integer.MAX_VALUE, 400, "field line");
      in.pos = to + 2;
      if (to == from) {
        if (in.pos != in.length) {
          throw in.error(400, "bytes after the empty line that ends the field section");
        }
        return;
      }
      if (Grammar.isWhitespace(b[from])) {
        if (count == 0 && afterStartLine) {
          throw in.error(400, "whitespace between the start line and the first header field");
        }
        throw in.error(400, "obsolete line folding (obs-fold) is not allowed");
      }
      if (++count > p.maxHeaderCount()) {
        throw in.error(431, "more than " + p.maxHeaderCount() + " header fields");
      }
      int colon = indexOf(b, from, to, ':');
      if (colon < 0) {
        throw in.error(400, "header line has no colon");
      }
      if (colon == from) {
        throw in.error(400, "empty header name");
      }
      if (Grammar.isWhitespace(b[colon - 1])) {
        throw in.error(400, "whitespace between header name and colon");
      }
      int bad = firstNonTchar(b, from, colon);
      if (bad >= 0) {
        throw in.error(400, "header name has " + Grammar.describe(b[bad] & 0xff) + " at index "
            + (bad - from) + " (not a token character)");
      }
      int vFrom = colon + 1;
      int vTo = to;
      while (vFrom < vTo && Grammar.isWhitespace(b[vFrom])) {
        vFrom++;
      }
      while (vTo > vFrom && Grammar.isWhitespace(b[vTo - 1])) {
        vTo--;
      }
      for (int i = vFrom; i < vTo; i++) {
        int c = b[i] & 0xff;
        if (!Grammar.isFieldVchar(c) && !Grammar.isWhitespace(c)) {
          throw in.error(400, "value of header " + in.latin1(from, colon) + " has "
              + Grammar.describe(c));
        }
      }
      into.addUnchecked(in.latin1(from, colon), in.latin1(vFrom, vTo));
    }
  }

  // ---- semantics ----

  /**
   * RFC 9112 §3.2: a 400 for an HTTP/1.1 request without Host, and for any request with more than
   * one Host or an invalid one (RFC 9110 §7.2).
   */
  private static void checkHost(Input in, RequestStartLine start, HttpHeaders headers)
      throws HttpInputException {
    List<String> hosts = headers.getAll("Host");
    if (hosts.isEmpty()) {
      if (start.version() == HttpVersion.HTTP_1_1) {
        throw in.error(400, "missing Host header (required in HTTP/1.1)");
      }
      return;
    }
    if (hosts.size() > 1) {
      throw in.error(400, "more than one Host header");
    }
    if (!Grammar.isHost(hosts.get(0))) {
      throw in.error(400, "invalid Host header (expected host[:port])");
    }
  }

  /**
   * The body framing from Transfer-Encoding and Content-Length (RFC 9112 §6.1–6.3, RFC 9110
   * §8.6); the NONE/UNTIL_CLOSE choice for responses is {@link #responseFraming}'s. Equal
   * Content-Lengths (several fields or a list) are merged into one field.
   */
  private static Framing framing(Input in, HttpVersion version, HttpHeaders headers,
      long maxBodySize) throws HttpInputException {
    List<String> te = headers.getAll("Transfer-Encoding");
    List<String> cl = headers.getAll("Content-Length");
    if (!te.isEmpty()) {
      if (version == HttpVersion.HTTP_1_0) {
        // RFC 9112 §6.1: Transfer-Encoding in HTTP/1.0 means faulty framing.
        throw in.error(400, "Transfer-Encoding in an HTTP/1.0 message");
      }
      if (!cl.isEmpty()) {
        // RFC 9112 §6.1, §6.3 item 3: the classic request smuggling vector; refused.
        throw in.error(400, "both Transfer-Encoding and Content-Length");
      }
      if (te.size() > 1) {
        throw in.error(400, "more than one Transfer-Encoding header");
      }
      checkTransferEncoding(in, te.get(0));
      return Framing.CHUNKED;
    }
    if (cl.isEmpty()) {
      return Framing.NONE;
    }
    long length = -1;
    int values = 0;
    for (String field : cl) {
      int from = 0;
      while (true) {
        int comma = field.indexOf(',', from);
        int to = comma < 0 ? field.length() : comma;
        long n = contentLength(in, field, from, to);
        if (length >= 0 && n != length) {
          throw in.error(400, "Content-Length values differ");
        }
        length = n;
        values++;
        if (comma < 0) {
          break;
        }
        from = comma + 1;
      }
    }
    if (length > maxBodySize) {
      throw in.error(413, "Content-Length " + length + " exceeds the limit of " + maxBodySize
          + " bytes");
    }
    if (values > 1) {
      // RFC 9110 §8.6: replace duplicated equal values with a single field.
      String name = headers.names().stream().filter(n -> n.equalsIgnoreCase("Content-Length"))
          .findFirst().orElse("Content-Length");
      headers.setUnchecked(name, Long.toString(length));
    }
    return Framing.length(length);
  }

  /** One element of a Content-Length list: {@code OWS 1*DIGIT OWS}. */
  private static long contentLength(Input in, String field, int from, int to)
      throws HttpInputException {
    while (from < to && Grammar.isWhitespace(field.charAt(from))) {
      from++;
    }
    while (to > from && Grammar.isWhitespace(field.charAt(to - 1))) {
      to--;
    }
    if (!Grammar.isDigits(field, from, to)) {
      throw in.error(400, "Content-Length is not a non-negative decimal integer");
    }
    long n = Grammar.parseDecimal(field, from, to);
    if (n < 0) {
      throw in.error(400, "Content-Length is too large");
    }
    return n;
  }

  /**
   * {@code Transfer-Encoding = #transfer-coding} (RFC 9112 §6.1); only {@code chunked} alone is
   * accepted. Otherwise, in this order: a malformed value (empty, an empty element, a non-token,
   * parameters) is 400; chunked twice is 400 (RFC 9112 §7.1); chunked present but not final is 400
   * (RFC 9112 §6.3 item 4: the length cannot be determined, the smuggling case), and so is a list
   * without chunked ({@code gzip}: §6.3's MUST before §6.1's SHOULD); a list ending in chunked with
   * another coding ({@code gzip, chunked}) is 501 (RFC 9112 §6.1: a coding the server does not
   * understand).
   */
  private static void checkTransferEncoding(Input in, String value) throws HttpInputException {
    if (value.equalsIgnoreCase("chunked")) {
      return;
    }
    if (value.isEmpty()) {
      throw in.error(400, "empty Transfer-Encoding");
    }
    int chunked = 0;
    boolean chunkedNotLast = false;
    String unknown = null;
    int from = 0;
    while (from <= value.length()) {
      int comma = value.indexOf(',', from);
      int to = comma < 0 ? value.length() : comma;
      int s = from;
      int e = to;
      while (s < e && Grammar.isWhitespace(value.charAt(s))) {
        s++;
      }
      while (e > s && Grammar.isWhitespace(value.charAt(e - 1))) {
        e--;
      }
      if (s == e || Grammar.tokenEnd(value, s, e) != e) {
        throw in.error(400, "malformed Transfer-Encoding");
      }
      String coding = value.substring(s, e);
      if (coding.equalsIgnoreCase("chunked")) {
        chunked++;
        chunkedNotLast |= comma >= 0;
      } else if (unknown == null) {
        unknown = coding;
      }
      from = to + 1;
    }
    if (chunked > 1) {
      throw in.error(400, "chunked transfer coding applied more than once");
    }
    if (chunkedNotLast) {
      throw in.error(400, "chunked is not the final transfer coding");
    }
    if (chunked == 0) {
      // RFC 9112 §6.3 item 4: without chunked last the length cannot be known; a MUST, which
      // goes before §6.1's SHOULD (501 for a coding not understood).
      throw in.error(400, "chunked is not the final transfer coding");
    }
    throw in.error(501, "unsupported transfer coding " + unknown);
  }

  /**
   * {@code Expect = #expectation} (RFC 9110 §10.1.1): only {@code 100-continue} (any case) is
   * known; anything else is 417. A 100-continue in an HTTP/1.0 request is ignored, as the RFC says.
   */
  private static boolean expectContinue(Input in, HttpVersion version, HttpHeaders headers)
      throws HttpInputException {
    boolean expect = false;
    for (String value : headers.getAll("Expect")) {
      int from = 0;
      while (from <= value.length()) {
        int comma = value.indexOf(',', from);
        int to = comma < 0 ? value.length() : comma;
        String member = trimOws(value, from, to);
        if (member.equalsIgnoreCase("100-continue")) {
          expect = true;
        } else if (!member.isEmpty()) {
          throw in.error(417, "unsupported expectation (only 100-continue is known)");
        }
        from = to + 1;
      }
    }
    return expect && version == HttpVersion.HTTP_1_1;
  }

  // ---- bytes ----

  /** {@code s[from, to)} without leading and trailing SP and HTAB (OWS, RFC 9110 §5.6.3). */
  private static String trimOws(String s, int from, int to) {
    while (from < to && Grammar.isWhitespace(s.charAt(from))) {
      from++;
    }
    while (to > from && Grammar.isWhitespace(s.charAt(to - 1))) {
      to--;
    }
    return s.substring(from, to);
  }

  private static int indexOf(byte[] b, int from, int to, char c) {
    for (int i = from; i < to; i++) {
      if (b[i] == c) {
        return i;
      }
    }
    return -1;
  }

  private static int firstNonTchar(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (!Grammar.isTchar(b[i] & 0xff)) {
        return i;
      }
    }
    return -1;
  }

  private static boolean isDigits(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (!Grammar.isDigit(b[i])) {
        return false;
      }
    }
    return from < to;
  }

  /**
   * A head being parsed: its bytes, a position, and which side's statuses its errors carry.
   * Package-private for {@link Trailers}.
   */
  static final class Input {
    final byte[] b;
    final int length;
    final boolean request;
    int pos;

    /**
     * @param request true for input a server received (errors carry a status), false for input a
     *     client received (errors carry 0)
     */
    Input(byte[] b, int length, boolean request) {
      Objects.checkFromIndexSize(0, length, b.length);
      this.b = b;
      this.length = length;
      this.request = request;
    }

    HttpInputException error(int status, String message) {
      return new HttpInputException(request ? status : 0, message);
    }

    String latin1(int from, int to) {
      return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
    }

    /**
     * The index of the CR of the CRLF ending the line that starts at {@code pos} (RFC 9112 §2.2:
     * lines end with CRLF; a bare CR or bare LF is refused, not taken as a line ending).
     *
     * @param limit the longest allowed line, without its CRLF
     * @param limitStatus the status when the line is longer
     */
    int lineEnd(int limit, int limitStatus, String what) throws HttpInputException {
      int max = (int) Math.min(length, (long) pos + limit);
      for (int i = pos; i < length; i++) {
        byte c = b[i];
        if (c == '\r') {
          if (i + 1 < length && b[i + 1] == '\n') {
            return i;
          }
          throw error(400, "bare CR in the " + what);
        }
        if (c == '\n') {
          throw error(400, "bare LF in the " + what + " (lines must end with CRLF)");
        }
        if (i >= max) {
          throw error(limitStatus, what + " longer than " + limit + " bytes");
        }
      }
      throw error(400, "no empty line (CRLF) ends the field section");
    }
  }
}
