package dev.eddy.web.websocket;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One entry of a {@code Sec-WebSocket-Extensions} header: a name and parameters (a parameter
 * without a value maps to null). Parsing is lenient about spaces and accepts quoted values.
 *
 * @param name the extension token, as received
 * @param params the parameters in order, unmodifiable
 */
public record WebSocketExtension(String name, Map<String, String> params) {

  public WebSocketExtension {
    params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
  }

  /**
   * The extensions of every given header value, in order. Empty entries are dropped.
   *
   * @throws IllegalArgumentException for an unterminated quoted value
   */
  public static List<WebSocketExtension> parse(List<String> headerValues) {
    List<WebSocketExtension> out = new ArrayList<>();
    for (String value : headerValues) {
      for (String entry : split(value, ',')) {
        List<String> parts = split(entry, ';');
        String name = parts.get(0).trim();
        if (name.isEmpty()) {
          continue;
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (String p : parts.subList(1, parts.size())) {
          int eq = p.indexOf('=');
          String k = (eq < 0 ? p : p.substring(0, eq)).trim();
          if (k.isEmpty()) {
            continue;
          }
          String v = eq < 0 ? null : unquote(p.substring(eq + 1).trim());
          params.put(k, v);
        }
        out.add(new WebSocketExtension(name, params));
      }
    }
    return out;
  }

  /** The header form: {@code name; a; b=1}. */
  public String format() {
    StringBuilder sb = new StringBuilder(name);
    params.forEach((k, v) -> {
      sb.append("; ").append(k);
      if (v != null) {
        sb.append('=').append(v);
      }
    });
    return sb.toString();
  }

  private static List<String> split(String s, char sep) {
    List<String> out = new ArrayList<>();
    boolean quoted = false;
    int start = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (c == '\\' && quoted) {
        i++;
      } else if (c == sep && !quoted) {
        out.add(s.substring(start, i));
        start = i + 1;
      }
    }
    if (quoted) {
      throw new IllegalArgumentException("unterminated quoted string in " + s);
    }
    out.add(s.substring(start));
    return out;
  }

  private static String unquote(String v) {
    if (v.length() >= 2 && v.charAt(0) == '"' && v.charAt(v.length() - 1) == '"') {
      return v.substring(1, v.length() - 1).replaceAll("\\\\(.)", "$1");
    }
    return v;
  }
}
