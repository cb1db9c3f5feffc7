package dev.eddy.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code multipart/form-data} bodies (RFC 7578), as Tornado's {@code parse_multipart_form_data}
 * with its security fixes: linear in the body (each delimiter is searched for once, from where the
 * last one ended: CVE-2025-67726 was a quadratic scan), at most {@value #MAX_PARTS} parts, part
 * headers validated like request headers (no CR, LF or NUL inside a value, token names), and every
 * part must have {@code Content-Disposition: form-data} with a name. Parts with a file name are
 * files; the others are arguments (UTF-8). A malformed body is an {@link HttpInputException}(400).
 */
final class Multipart {

  /** Tornado 6.5.5's limit. */
  static final int MAX_PARTS = 100;

  record Parsed(Map<String, List<String>> arguments, Map<String, List<HttpFile>> files) {}

  private Multipart() {}

  /** The boundary parameter of a {@code multipart/form-data} content type, or null. */
  static String boundary(String contentType) {
    for (String param : contentType.split(";")) {
      String p = param.trim();
      if (p.regionMatches(true, 0, "boundary=", 0, 9)) {
        String b = p.substring(9).trim();
        if (b.length() >= 2 && b.startsWith("\"") && b.endsWith("\"")) {
          b = b.substring(1, b.length() - 1);
        }
        return b.isEmpty() || b.length() > 70 ? null : b;
      }
    }
    return null;
  }

  static Parsed parse(byte[] body, String boundary) throws HttpInputException {
    byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    Map<String, List<String>> arguments = new LinkedHashMap<>();
    Map<String, List<HttpFile>> files = new LinkedHashMap<>();
    int at = indexOf(body, delimiter, 0);
    if (at < 0) {
      throw new HttpInputException(400, "multipart body without its boundary");
    }
    int parts = 0;
    while (true) {
      int afterDelimiter = at + delimiter.length;
      if (startsWith(body, afterDelimiter, "--")) {
        return new Parsed(arguments, files); // the close delimiter
      }
      if (!startsWith(body, afterDelimiter, "\r\n")) {
        throw new HttpInputException(400, "multipart boundary not followed by CRLF");
      }
      int partStart = afterDelimiter + 2;
      byte[] next = ("\r\n--" + new String(delimiter, 2, delimiter.length - 2,
          StandardCharsets.ISO_8859_1)).getBytes(StandardCharsets.ISO_8859_1);
      int end = indexOf(body, next, partStart);
      if (end < 0) {
        throw new HttpInputException(400, "multipart body without its closing boundary");
      }
      if (++parts > MAX_PARTS) {
        throw new HttpInputException(400, "more than " + MAX_PARTS + " multipart parts");
      }
      part(body, partStart, end, arguments, files);
      at = end + 2;
    }
  }

  private static void part(byte[] body, int from, int to, Map<String, List<String>> arguments,
      Map<String, List<HttpFile>> files) throws HttpInputException {
    int headEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), from);
    if (headEnd < 0 || headEnd > to) {
      throw new HttpInputException(400, "multipart part without its header section");
    }
    String disposition = null;
    String type = null;
    for (String line : new String(body, from, headEnd - from, StandardCharsets.ISO_8859_1)
        .split("\r\n", -1)) {
      if (line.isEmpty()) {
        continue;
      }
      int colon = line.indexOf(':');
      if (colon <= 0 || !Grammar.isToken(line.substring(0, colon))) {
        throw new HttpInputException(400, "malformed multipart part header");
      }
      String value = line.substring(colon + 1).trim();
      if (!Grammar.isFieldValue(value)) {
        throw new HttpInputException(400, "control character in a multipart part header");
      }
      String name = line.substring(0, colon);
      if (name.equalsIgnoreCase("Content-Disposition")) {
        disposition = value;
      } else if (name.equalsIgnoreCase("Content-Type")) {
        type = value;
      }
    }
    if (disposition == null || !disposition.toLowerCase(java.util.Locale.ROOT)
        .startsWith("form-data")) {
      throw new HttpInputException(400, "multipart part without Content-Disposition: form-data");
    }
    String name = parameter(disposition, "name");
    if (name == null) {
      throw new HttpInputException(400, "multipart part without a name");
    }
    byte[] content = java.util.Arrays.copyOfRange(body, headEnd + 4, to);
    String filename = parameter(disposition, "filename");
    if (filename != null) {
      files.computeIfAbsent(name, k -> new ArrayList<>()).add(new HttpFile(filename,
          type == null ? "application/unknown" : type, content));
    } else {
      arguments.computeIfAbsent(name, k -> new ArrayList<>())
          .add(new String(content, StandardCharsets.UTF_8));
    }
  }

  /** A parameter of a header value ({@code name="x"} or {@code name=x}), or null. */
  static String parameter(String value, String name) {
    int i = 0;
    while (i < value.length()) {
      int semi = value.indexOf(';', i);
      if (semi < 0) {
        return null;
      }
      int start = semi + 1;
      while (start < value.length() && value.charAt(start) == ' ') {
        start++;
      }
      int eq = value.indexOf('=', start);
      if (eq < 0) {
        return null;
      }
      String key = value.substring(start, eq).trim();
      int valueStart = eq + 1;
      String v;
      int next;
      if (valueStart < value.length() && value.charAt(valueStart) == '"') {
        StringBuilder sb = new StringBuilder();
        int j = valueStart + 1;
        while (j < value.length() && value.charAt(j) != '"') {
          if (value.charAt(j) == '\\' && j + 1 < value.length()) {
            j++;
          }
          sb.append(value.charAt(j));
          j++;
        }
        v = sb.toString();
        next = j + 1;
      } else {
        int end = value.indexOf(';', valueStart);
        v = value.substring(valueStart, end < 0 ? value.length() : end).trim();
        next = end < 0 ? value.length() : end;
      }
      if (key.equalsIgnoreCase(name)) {
        return v;
      }
      i = next;
    }
    return null;
  }

  private static boolean startsWith(byte[] b, int at, String s) {
    if (at + s.length() > b.length) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (b[at + i] != s.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** The first index of {@code needle} in {@code hay} at or after {@code from}, or -1. */
  static int indexOf(byte[] hay, byte[] needle, int from) {
    outer:
    for (int i = from; i <= hay.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
