package dev.eddy.web.websocket;

import dev.eddy.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The HTTP side of the opening handshake (RFC 6455 §4): the accept key, a server's checks of the
 * upgrade request and its 101 response headers. Stateless and thread-safe.
 */
public final class WebSocketHandshake {

  /** The GUID of RFC 6455 §1.3. */
  public static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
  /** What {@link #checkRequest} answers for an acceptable request. */
  public static final int OK = 101;

  private static final SecureRandom RANDOM = new SecureRandom();

  private WebSocketHandshake() {}

  /** {@code Sec-WebSocket-Accept} for a {@code Sec-WebSocket-Key}: base64(SHA-1(key + GUID)). */
  public static String acceptKey(String clientKey) {
    try {
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      byte[] digest = sha1.digest((clientKey.trim() + GUID).getBytes(StandardCharsets.US_ASCII));
      return Base64.getEncoder().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is required of every JVM", e);
    }
  }

  /** A new random {@code Sec-WebSocket-Key}: 16 random bytes, base64. */
  public static String newKey() {
    byte[] b = new byte[16];
    RANDOM.nextBytes(b);
    return Base64.getEncoder().encodeToString(b);
  }

  /**
   * A server's check of an upgrade request, in Tornado's order: {@value #OK} if acceptable; else
   * the status to answer: 405 for a method other than GET, 400 when {@code Upgrade} lacks
   * "websocket" or {@code Connection} lacks "upgrade", 426 (send {@link #versionHeaders()}) for a
   * {@code Sec-WebSocket-Version} other than 13, 400 for a missing or malformed {@code
   * Sec-WebSocket-Key}.
   */
  public static int checkRequest(String method, HttpHeaders headers) {
    if (!"GET".equals(method)) {
      return 405;
    }
    if (!hasToken(headers.getAll("Upgrade"), "websocket")
        || !hasToken(headers.getAll("Connection"), "upgrade")) {
      return 400;
    }
    String version = headers.get("Sec-WebSocket-Version");
    if (version == null || !version.trim().equals("13")) {
      return 426;
    }
    String key = headers.get("Sec-WebSocket-Key");
    if (key == null || !validKey(key.trim())) {
      return 400;
    }
    return OK;
  }

  /** The headers of a 426 answer: {@code Sec-WebSocket-Version: 13}. */
  public static HttpHeaders versionHeaders() {
    return HttpHeaders.of("Sec-WebSocket-Version", "13");
  }

  /** The subprotocols a request offers ({@code Sec-WebSocket-Protocol}), in order. */
  public static List<String> requestedSubprotocols(HttpHeaders request) {
    return tokens(request.getAll("Sec-WebSocket-Protocol"));
  }

  /** The extensions a request offers ({@code Sec-WebSocket-Extensions}); bad syntax: none. */
  public static List<WebSocketExtension> requestedExtensions(HttpHeaders request) {
    try {
      return WebSocketExtension.parse(request.getAll("Sec-WebSocket-Extensions"));
    } catch (IllegalArgumentException e) {
      return List.of();
    }
  }

  /**
   * A server's permessage-deflate answer to a request under {@code options}: the parameters, or
   * null (compression off, not offered, or no acceptable offer).
   */
  public static DeflateParams negotiateDeflate(HttpHeaders request, WebSocketOptions options) {
    return DeflateParams.negotiate(requestedExtensions(request), options.compression());
  }

  /**
   * The headers of a server's 101 answer to an accepted request ({@link #checkRequest} gave
   * {@value #OK}): {@code Upgrade}, {@code Connection}, {@code Sec-WebSocket-Accept}, and {@code
   * Sec-WebSocket-Protocol} / {@code Sec-WebSocket-Extensions} when negotiated.
   *
   * @param subprotocol one of {@link #requestedSubprotocols}, or null
   * @param deflate from {@link #negotiateDeflate}, or null
   */
  public static HttpHeaders responseHeaders(HttpHeaders request, String subprotocol,
      DeflateParams deflate) {
    HttpHeaders h = HttpHeaders.of("Upgrade", "websocket", "Connection", "Upgrade",
        "Sec-WebSocket-Accept", acceptKey(request.get("Sec-WebSocket-Key")));
    if (subprotocol != null) {
      h.add("Sec-WebSocket-Protocol", subprotocol);
    }
    if (deflate != null) {
      h.add("Sec-WebSocket-Extensions", deflate.header());
    }
    return h;
  }

  /** True if a comma-separated header holds {@code token} (any case). */
  static boolean hasToken(List<String> values, String token) {
    for (String t : tokens(values)) {
      if (t.equalsIgnoreCase(token)) {
        return true;
      }
    }
    return false;
  }

  static List<String> tokens(List<String> values) {
    List<String> out = new ArrayList<>();
    for (String v : values) {
      for (String t : v.split(",")) {
        String s = t.trim();
        if (!s.isEmpty()) {
          out.add(s);
        }
      }
    }
    return out;
  }

  private static boolean validKey(String key) {
    try {
      return Base64.getDecoder().decode(key).length == 16;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
