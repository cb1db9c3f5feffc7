package dev.eddy.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code application/x-www-form-urlencoded} decoding (WHATWG URL standard §5.1), for query
 * strings and form bodies: {@code &}-separated {@code name=value} pairs, {@code +} is a space,
 * {@code %XX} a byte, the bytes UTF-8 (malformed sequences become U+FFFD). A malformed escape is
 * kept literally, as browsers do. Blank values are kept (Tornado's {@code keep_blank_values}).
 * Linear in the input. Stateless and thread-safe.
 */
final class FormUrlencoded {

  private FormUrlencoded() {}

  /** The pairs of {@code text}, names in first-seen order, values in order. */
  static Map<String, List<String>> parse(String text) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (text == null || text.isEmpty()) {
      return out;
    }
    int start = 0;
    while (start <= text.length()) {
      int amp = text.indexOf('&', start);
      int end = amp < 0 ? text.length() : amp;
      if (end > start) {
        // Only within the pair: a search to the end of the text for each pair without '=' made
        // a long run of them quadratic.
        int eq = start;
        while (eq < end && text.charAt(eq) != '=') {
          eq++;
        }
        String name;
        String value;
        if (eq == end) {
          name = decode(text, start, end);
          value = "";
        } else {
          name = decode(text, start, eq);
          value = decode(text, eq + 1, end);
        }
        out.computeIfAbsent(name, k -> new ArrayList<>(1)).add(value);
      }
      if (amp < 0) {
        break;
      }
      start = amp + 1;
    }
    return out;
  }

  /** Percent- and plus-decodes {@code s[from, to)}. */
  static String decode(String s, int from, int to) {
    boolean plain = true;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c == '%' || c == '+' || c >= 0x80) {
        plain = false;
        break;
      }
    }
    if (plain) {
      return s.substring(from, to);
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(to - from);
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c == '+') {
        bytes.write(' ');
      } else if (c == '%' && hex(s, i + 1, to) >= 0 && hex(s, i + 2, to) >= 0) {
        bytes.write(hex(s, i + 1, to) * 16 + hex(s, i + 2, to));
        i += 2;
      } else if (c < 0x80) {
        bytes.write(c);
      } else {
        int cp = s.codePointAt(i);
        byte[] utf8 = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
        bytes.write(utf8, 0, utf8.length);
        i += Character.charCount(cp) - 1;
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static int hex(String s, int i, int to) {
    if (i >= to) {
      return -1;
    }
    return Character.digit(s.charAt(i), 16);
  }
}
