package dev.eddy.web.websocket;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Frame encoding, close payloads, handshake keys and extension headers, without I/O. */
class FrameCodecTest {

  @Test
  void lengthEncodings() {
    assertEquals(2 + 125, FrameCodec.encode(Frame.BINARY, false, new byte[125], null).length);
    byte[] f126 = FrameCodec.encode(Frame.BINARY, false, new byte[126], null);
    assertEquals(126, f126[1] & 0x7F);
    assertEquals(4 + 126, f126.length);
    assertEquals(126, ((f126[2] & 0xFF) << 8) | (f126[3] & 0xFF));
    byte[] f65535 = FrameCodec.encode(Frame.BINARY, false, new byte[65535], null);
    assertEquals(126, f65535[1] & 0x7F);
    assertEquals(0xFFFF, ((f65535[2] & 0xFF) << 8) | (f65535[3] & 0xFF));
    byte[] f65536 = FrameCodec.encode(Frame.BINARY, false, new byte[65536], null);
    assertEquals(127, f65536[1] & 0x7F);
    assertEquals(10 + 65536, f65536.length);
    assertEquals(1, f65536[7]);
    assertEquals(0, f65536[2]);
  }

  @Test
  void maskingRoundTripAndHeaderBits() {
    byte[] payload = "Hello".getBytes(StandardCharsets.US_ASCII);
    byte[] key = {0x37, (byte) 0xfa, 0x21, 0x3d};
    byte[] f = FrameCodec.encode(Frame.TEXT, false, payload, key);
    // RFC 6455 §5.7: a masked "Hello".
    assertArrayEquals(new byte[] {(byte) 0x81, (byte) 0x85, 0x37, (byte) 0xfa, 0x21, 0x3d, 0x7f,
        (byte) 0x9f, 0x4d, 0x51, 0x58}, f);
    byte[] body = java.util.Arrays.copyOfRange(f, 6, f.length);
    FrameCodec.unmask(body, key);
    assertArrayEquals(payload, body);
    assertEquals(0xC1, FrameCodec.encode(Frame.TEXT, true, payload, null)[0] & 0xFF);
  }

  @Test
  void closePayloads() throws Exception {
    byte[] p = FrameCodec.closePayload(1000, "bye");
    assertEquals(1000, FrameCodec.closeCode(p));
    assertEquals("bye", FrameCodec.closeReason(p));
    assertNull(FrameCodec.closeCode(new byte[0]));
    assertEquals(0, FrameCodec.closePayload(null, null).length);
    for (int bad : new int[] {999, 1004, 1005, 1006, 1015, 1016, 2999, 5000}) {
      assertThrows(IllegalArgumentException.class, () -> FrameCodec.closePayload(bad, null));
      byte[] wire = {(byte) (bad >> 8), (byte) bad};
      assertEquals(1002, assertThrows(ProtocolException.class,
          () -> FrameCodec.closeCode(wire)).code, "code " + bad);
    }
    for (int good : new int[] {1000, 1001, 1002, 1003, 1007, 1011, 3000, 4999}) {
      assertEquals(good, FrameCodec.closeCode(FrameCodec.closePayload(good, null)));
    }
    assertEquals(1002, assertThrows(ProtocolException.class,
        () -> FrameCodec.closeCode(new byte[] {3})).code);
    assertEquals(1007, assertThrows(ProtocolException.class,
        () -> FrameCodec.closeReason(new byte[] {3, (byte) 0xE8, (byte) 0xC0, (byte) 0x80})).code);
    assertThrows(IllegalArgumentException.class,
        () -> FrameCodec.closePayload(1000, "x".repeat(124)));
  }

  @Test
  void utf8IsStrict() throws Exception {
    assertEquals("κόσμε", FrameCodec.utf8("κόσμε".getBytes(StandardCharsets.UTF_8)));
    assertEquals(1007, assertThrows(ProtocolException.class,
        () -> FrameCodec.utf8(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80})).code);
    assertEquals(1007, assertThrows(ProtocolException.class,
        () -> FrameCodec.utf8(new byte[] {(byte) 0xFF})).code);
  }

  @Test
  void acceptKeyOfRfc6455() {
    assertEquals("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=",
        WebSocketHandshake.acceptKey("dGhlIHNhbXBsZSBub25jZQ=="));
    assertEquals(24, WebSocketHandshake.newKey().length());
  }

  @Test
  void extensionHeaders() {
    List<WebSocketExtension> e = WebSocketExtension.parse(List.of(
        "permessage-deflate; client_max_window_bits; server_max_window_bits=\"10\", x-foo",
        "y ;a=1"));
    assertEquals(3, e.size());
    assertEquals("permessage-deflate", e.get(0).name());
    assertTrue(e.get(0).params().containsKey("client_max_window_bits"));
    assertNull(e.get(0).params().get("client_max_window_bits"));
    assertEquals("10", e.get(0).params().get("server_max_window_bits"));
    assertEquals(Map.of("a", "1"), e.get(2).params());
    assertEquals("permessage-deflate; client_max_window_bits; server_max_window_bits=10",
        e.get(0).format());
  }
}
