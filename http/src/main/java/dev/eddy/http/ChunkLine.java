package dev.eddy.http;

/**
 * Parses the line that starts each chunk of a chunked body (RFC 9112 §7.1): {@code chunk-size
 * [ chunk-ext ]}, the size being {@code 1*HEXDIG} and the extensions, which are parsed by their
 * grammar and then ignored (RFC 9112 §7.1.1: a recipient MUST ignore unrecognized extensions).
 * Strict, because a lax chunk-size parser is a request smuggling vector (Tornado 6.3.3): no sign,
 * no {@code 0x}, no whitespace inside or after the digits unless an extension follows, no control
 * characters.
 *
 * <p>The statuses are a server's (400, 413); a client reading a response treats any {@link
 * HttpInputException} as a malformed response. The line's length is bounded by the caller ({@code
 * maxChunkLineBytes}). Stateless; thread-safe.
 */
final class ChunkLine {

  private ChunkLine() {}

  /**
   * The size of the chunk whose line is {@code line[0, length)}, without its CRLF.
   *
   * @param maxBodySize the largest size accepted
   * @return the chunk size; 0 for the last chunk
   * @throws HttpInputException 400 if the line is not {@code 1*HEXDIG *( BWS ";" BWS ext-name [
   *     BWS "=" BWS ext-val ] )}; 413 if the size overflows a long or exceeds {@code maxBodySize}
   * @throws IndexOutOfBoundsException if {@code length} is outside {@code line}
   */
  static long parseSize(byte[] line, int length, long maxBodySize) throws HttpInputException {
    java.util.Objects.checkFromIndexSize(0, length, line.length);
    int digits = 0;
    while (digits < length && Grammar.isHexdig(line[digits] & 0xff)) {
      digits++;
    }
    if (digits == 0) {
      throw new HttpInputException(400, length == 0 ? "empty chunk size line"
          : "chunk size does not start with a hex digit (found "
              + Grammar.describe(line[0] & 0xff) + ")");
    }
    long size = Grammar.parseHex(line, 0, digits);
    checkExtensions(line, digits, length);
    if (size < 0 || size > maxBodySize) {
      throw new HttpInputException(413, "chunk size exceeds the limit of " + maxBodySize
          + " bytes");
    }
    return size;
  }

  /** {@code chunk-ext = *( BWS ";" BWS chunk-ext-name [ BWS "=" BWS chunk-ext-val ] )}. */
  private static void checkExtensions(byte[] b, int pos, int length) throws HttpInputException {
    while (pos < length) {
      pos = skipBws(b, pos, length);
      if (pos == length) {
        throw new HttpInputException(400, "whitespace after the chunk size");
      }
      if (b[pos] != ';') {
        throw new HttpInputException(400, "unexpected " + Grammar.describe(b[pos] & 0xff)
            + " in the chunk size line");
      }
      pos = skipBws(b, pos + 1, length);
      int nameEnd = tokenEnd(b, pos, length);
      if (nameEnd == pos) {
        throw new HttpInputException(400, "chunk extension without a name");
      }
      pos = nameEnd;
      int afterBws = skipBws(b, pos, length);
      if (afterBws < length && b[afterBws] == '=') {
        pos = skipBws(b, afterBws + 1, length);
        pos = pos < length && b[pos] == '"' ? quotedStringEnd(b, pos, length)
            : tokenValueEnd(b, pos, length);
      }
    }
  }

  /** {@code chunk-ext-val = token / quoted-string}; here the token. */
  private static int tokenValueEnd(byte[] b, int pos, int length) throws HttpInputException {
    int end = tokenEnd(b, pos, length);
    if (end == pos) {
      throw new HttpInputException(400, "chunk extension without a value after '='");
    }
    return end;
  }

  /**
   * {@code quoted-string = DQUOTE *( qdtext / quoted-pair ) DQUOTE}, {@code qdtext = HTAB / SP /
   * %x21 / %x23-5B / %x5D-7E / obs-text}, {@code quoted-pair = "\" ( HTAB / SP / VCHAR / obs-text
   * )} (RFC 9110 §5.6.4). Returns the index after the closing quote.
   */
  private static int quotedStringEnd(byte[] b, int pos, int length) throws HttpInputException {
    for (int i = pos + 1; i < length; i++) {
      int c = b[i] & 0xff;
      if (c == '"') {
        return i + 1;
      }
      if (c == '\\') {
        i++;
        if (i == length) {
          break;
        }
        c = b[i] & 0xff;
      }
      if (!Grammar.isFieldVchar(c) && !Grammar.isWhitespace(c)) {
        throw new HttpInputException(400, "chunk extension value has "
            + Grammar.describe(c));
      }
    }
    throw new HttpInputException(400, "unterminated quoted string in a chunk extension");
  }

  private static int skipBws(byte[] b, int pos, int length) {
    while (pos < length && Grammar.isWhitespace(b[pos])) {
      pos++;
    }
    return pos;
  }

  private static int tokenEnd(byte[] b, int pos, int length) {
    while (pos < length && Grammar.isTchar(b[pos] & 0xff)) {
      pos++;
    }
    return pos;
  }
}
