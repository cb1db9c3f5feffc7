package dev.eddy.web.websocket;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The negotiated parameters of permessage-deflate (RFC 7692), as agreed in the handshake.
 *
 * <p><b>Window sizes.</b> {@link java.util.zip.Deflater} always compresses with a 32 KiB (15-bit)
 * window, so it cannot keep a promise to use a smaller one. Eddy accepts such a limit on its own
 * output ({@code server_max_window_bits} as a server, {@code client_max_window_bits} as a client,
 * 8..14) and honours it by sending its messages uncompressed (RSV1 clear), which RFC 7692
 * permits; the peer's compressed messages are inflated normally whatever their window.
 *
 * @param serverNoContextTakeover the server resets its compressor after every message
 * @param clientNoContextTakeover the client resets its compressor after every message
 * @param serverMaxWindowBits the server's window limit, 8..15, or null (15)
 * @param clientMaxWindowBits the client's window limit, 8..15, or null (15)
 */
public record DeflateParams(boolean serverNoContextTakeover, boolean clientNoContextTakeover,
    Integer serverMaxWindowBits, Integer clientMaxWindowBits) {

  /** The extension's token. */
  public static final String NAME = "permessage-deflate";

  /** @throws IllegalArgumentException for window bits outside 8..15 */
  public DeflateParams {
    checkBits(serverMaxWindowBits);
    checkBits(clientMaxWindowBits);
  }

  /** The value for a server's {@code Sec-WebSocket-Extensions} header. */
  public String header() {
    Map<String, String> p = new LinkedHashMap<>();
    if (serverNoContextTakeover) {
      p.put("server_no_context_takeover", null);
    }
    if (clientNoContextTakeover) {
      p.put("client_no_context_takeover", null);
    }
    if (serverMaxWindowBits != null) {
      p.put("server_max_window_bits", serverMaxWindowBits.toString());
    }
    if (clientMaxWindowBits != null) {
      p.put("client_max_window_bits", clientMaxWindowBits.toString());
    }
    return new WebSocketExtension(NAME, p).format();
  }

  /** The offer a client sends: any client window accepted, optionally no context takeover. */
  static String clientOffer(DeflateOptions options) {
    return NAME + (options.noContextTakeover() ? "; client_no_context_takeover" : "")
        + "; client_max_window_bits";
  }

  /**
   * A server's choice among a client's offers: the first permessage-deflate offer whose
   * parameters are all known and valid, or null to decline (no offer, or none acceptable).
   */
  public static DeflateParams negotiate(List<WebSocketExtension> offers, DeflateOptions ours) {
    if (ours == null) {
      return null;
    }
    for (WebSocketExtension offer : offers) {
      if (!offer.name().equalsIgnoreCase(NAME)) {
        continue;
      }
      try {
        DeflateParams p = parse(offer.params(), true);
        return new DeflateParams(p.serverNoContextTakeover || ours.noContextTakeover(),
            p.clientNoContextTakeover, p.serverMaxWindowBits, p.clientMaxWindowBits);
      } catch (IllegalArgumentException e) {
        // RFC 7692 §5: decline an offer with unknown or invalid parameters; try the next.
      }
    }
    return null;
  }

  /**
   * A client's reading of the server's answer.
   *
   * @throws IllegalArgumentException if the answer has unknown or invalid parameters
   */
  static DeflateParams fromResponse(WebSocketExtension answer) {
    return parse(answer.params(), false);
  }

  private static DeflateParams parse(Map<String, String> params, boolean offer) {
    boolean snct = false;
    boolean cnct = false;
    Integer smwb = null;
    Integer cmwb = null;
    for (Map.Entry<String, String> e : params.entrySet()) {
      String v = e.getValue();
      switch (e.getKey().toLowerCase(java.util.Locale.ROOT)) {
        case "server_no_context_takeover" -> snct = noValue(v);
        case "client_no_context_takeover" -> cnct = noValue(v);
        case "server_max_window_bits" -> smwb = bits(v);
        // In an offer, without a value: "I can take any"; the answer may omit it.
        case "client_max_window_bits" -> cmwb = offer && v == null ? null : bits(v);
        default -> throw new IllegalArgumentException("unknown parameter " + e.getKey());
      }
    }
    return new DeflateParams(snct, cnct, smwb, cmwb);
  }

  private static boolean noValue(String v) {
    if (v != null) {
      throw new IllegalArgumentException("unexpected value " + v);
    }
    return true;
  }

  private static Integer bits(String v) {
    if (v == null || !v.matches("[0-9]{1,2}")) {
      throw new IllegalArgumentException("bad window bits " + v);
    }
    int b = Integer.parseInt(v);
    checkBits(b);
    return b;
  }

  private static void checkBits(Integer b) {
    if (b != null && (b < 8 || b > 15)) {
      throw new IllegalArgumentException("window bits must be 8..15, got " + b);
    }
  }
}
