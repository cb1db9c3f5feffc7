package dev.eddy.web.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.eddy.http.HttpHeaders;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The server-side request checks and response headers. */
class WebSocketHandshakeTest {

  private static HttpHeaders good() {
    return HttpHeaders.of("Host", "x", "Upgrade", "WebSocket", "Connection", "keep-alive, Upgrade",
        "Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version", "13",
        "Sec-WebSocket-Protocol", "chat, superchat",
        "Sec-WebSocket-Extensions", "permessage-deflate; client_max_window_bits");
  }

  @Test
  void checks() {
    assertEquals(101, WebSocketHandshake.checkRequest("GET", good()));
    assertEquals(405, WebSocketHandshake.checkRequest("POST", good()));
    HttpHeaders h = good();
    h.remove("Upgrade");
    assertEquals(400, WebSocketHandshake.checkRequest("GET", h));
    h = good();
    h.set("Connection", "keep-alive");
    assertEquals(400, WebSocketHandshake.checkRequest("GET", h));
    h = good();
    h.set("Sec-WebSocket-Version", "8");
    assertEquals(426, WebSocketHandshake.checkRequest("GET", h));
    assertEquals("13", WebSocketHandshake.versionHeaders().get("Sec-WebSocket-Version"));
    h = good();
    h.remove("Sec-WebSocket-Key");
    assertEquals(400, WebSocketHandshake.checkRequest("GET", h));
    h.set("Sec-WebSocket-Key", "short");
    assertEquals(400, WebSocketHandshake.checkRequest("GET", h));
  }

  @Test
  void response() {
    HttpHeaders req = good();
    assertEquals(List.of("chat", "superchat"), WebSocketHandshake.requestedSubprotocols(req));
    DeflateParams d = WebSocketHandshake.negotiateDeflate(req,
        WebSocketOptions.DEFAULTS.withCompression(DeflateOptions.DEFAULTS));
    HttpHeaders r = WebSocketHandshake.responseHeaders(req, "chat", d);
    assertEquals("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", r.get("Sec-WebSocket-Accept"));
    assertEquals("websocket", r.get("Upgrade"));
    assertEquals("chat", r.get("Sec-WebSocket-Protocol"));
    assertEquals("permessage-deflate", r.get("Sec-WebSocket-Extensions"));
    assertEquals(null, WebSocketHandshake.negotiateDeflate(req, WebSocketOptions.DEFAULTS));
  }
}
