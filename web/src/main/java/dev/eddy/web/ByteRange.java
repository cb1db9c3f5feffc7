package dev.eddy.web;

/**
 * One {@code Range: bytes=...} request (RFC 9110 §14.1.2) against a representation of {@code size}
 * bytes: {@code first-last}, {@code first-}, or a suffix {@code -n}. Several ranges, another unit
 * or a malformed header mean "serve the whole": Eddy, like Tornado, serves a single range only.
 */
final class ByteRange {

  private ByteRange() {}

  /**
   * @return {start, end-exclusive}; an empty array when the range cannot be satisfied (416); null
   *     when the header is to be ignored (serve everything)
   */
  static long[] parse(String header, long size) {
    String h = header.trim();
    if (!h.startsWith("bytes=") || h.indexOf(',') >= 0) {
      return null;
    }
    String spec = h.substring(6).trim();
    int dash = spec.indexOf('-');
    if (dash < 0) {
      return null;
    }
    String a = spec.substring(0, dash).trim();
    String b = spec.substring(dash + 1).trim();
    try {
      if (a.isEmpty()) { // suffix: the last n bytes
        if (b.isEmpty()) {
          return null;
        }
        long n = Long.parseLong(b);
        if (n <= 0 || size == 0) {
          return new long[0];
        }
        return new long[] {Math.max(0, size - n), size};
      }
      long first = Long.parseLong(a);
      if (first < 0) {
        return null;
      }
      if (first >= size) {
        return new long[0];
      }
      long last = b.isEmpty() ? size - 1 : Long.parseLong(b);
      if (last < first) {
        return null;
      }
      return new long[] {first, Math.min(last, size - 1) + 1};
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
