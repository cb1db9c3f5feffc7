package dev.eddy.web.websocket;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** permessage-deflate: round trips, context takeover, the inflation limit, negotiation. */
class DeflateTest {

  private static final DeflateParams PLAIN = new DeflateParams(false, false, null, null);

  @Test
  void roundTripsWithAndWithoutContext() throws Exception {
    for (DeflateParams p : List.of(PLAIN, new DeflateParams(true, true, null, null))) {
      PerMessageDeflate server = new PerMessageDeflate(true, p, -1);
      PerMessageDeflate client = new PerMessageDeflate(false, p, -1);
      byte[] text = "hello hello hello hello".getBytes(StandardCharsets.UTF_8);
      byte[] random = new byte[200_000];
      new Random(1).nextBytes(random);
      for (byte[] m : List.of(text, text, random, new byte[0], text)) {
        byte[] c = server.compress(m);
        assertArrayEquals(m, client.decompress(c, Long.MAX_VALUE));
        byte[] back = client.compress(m);
        assertArrayEquals(m, server.decompress(back, Long.MAX_VALUE));
      }
      server.end();
      client.end();
    }
  }

  @Test
  void contextTakeoverShrinksRepeats() {
    PerMessageDeflate s = new PerMessageDeflate(true, PLAIN, -1);
    byte[] m = "a fairly long message that repeats itself".getBytes(StandardCharsets.UTF_8);
    int first = s.compress(m).length;
    int second = s.compress(m).length;
    assertTrue(second < first, first + " then " + second);
    s.end();
  }

  @Test
  void inflationStopsAtTheLimit() throws Exception {
    PerMessageDeflate s = new PerMessageDeflate(true, PLAIN, -1);
    PerMessageDeflate c = new PerMessageDeflate(false, PLAIN, -1);
    byte[] bomb = s.compress(new byte[5_000_000]);
    assertTrue(bomb.length < 10_000);
    assertEquals(1009, assertThrows(ProtocolException.class,
        () -> c.decompress(bomb, 1_000_000)).code);
    s.end();
    c.end();
  }

  @Test
  void corruptDataIs1007() {
    PerMessageDeflate c = new PerMessageDeflate(false, PLAIN, -1);
    assertEquals(1007, assertThrows(ProtocolException.class,
        () -> c.decompress(new byte[] {(byte) 0xFF, (byte) 0xFF, 1, 2}, 100)).code);
    c.end();
  }

  @Test
  void negotiation() {
    DeflateParams p = DeflateParams.negotiate(WebSocketExtension.parse(List.of(
        "permessage-deflate; client_max_window_bits")), DeflateOptions.DEFAULTS);
    assertEquals(PLAIN, p);
    assertEquals("permessage-deflate", p.header());
    // The first acceptable offer wins; one with an unknown parameter is declined.
    p = DeflateParams.negotiate(WebSocketExtension.parse(List.of(
        "permessage-deflate; foo=1, permessage-deflate; server_max_window_bits=10; "
            + "client_no_context_takeover")), new DeflateOptions(-1, true));
    assertEquals(new DeflateParams(true, true, 10, null), p);
    assertEquals("permessage-deflate; server_no_context_takeover; client_no_context_takeover; "
        + "server_max_window_bits=10", p.header());
    assertNull(DeflateParams.negotiate(WebSocketExtension.parse(List.of(
        "permessage-deflate; server_max_window_bits=16")), DeflateOptions.DEFAULTS));
    assertNull(DeflateParams.negotiate(WebSocketExtension.parse(List.of("x-other")),
        DeflateOptions.DEFAULTS));
    assertNull(DeflateParams.negotiate(WebSocketExtension.parse(List.of("permessage-deflate")),
        null));
    // A window below 15 for our output: honoured by not compressing.
    assertFalse(new PerMessageDeflate(true, new DeflateParams(false, false, 10, null), -1)
        .compressesOutput());
    assertThrows(IllegalArgumentException.class, () -> DeflateParams.fromResponse(
        WebSocketExtension.parse(List.of("permessage-deflate; client_max_window_bits")).get(0)));
  }
}
