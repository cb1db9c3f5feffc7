package dev.eddy.web.websocket;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.loop.PollerSelection;
import dev.eddy.loop.spi.PollerProvider;
import dev.eddy.loop.tck.ResourceLeakCheck;
import dev.eddy.stream.IOStream;
import dev.eddy.web.websocket.WebSocketConnection.Role;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * WebSocketConnection over a loopback pair, one end in each role (or one end raw, to send frames
 * a conforming peer would not), on one backend; a subclass per backend runs it.
 */
@ExtendWith(ResourceLeakCheck.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
abstract class WebSocketConnectionCases {

  abstract String backend();

  WsFixture f;
  IOStream serverStream;
  IOStream clientStream;

  @BeforeAll
  static void probeBackends() {
    PollerSelection.all().forEach(PollerProvider::isAvailable);
  }

  @BeforeEach
  void open() throws IOException {
    f = new WsFixture(backend());
    IOStream[] p = f.pair();
    serverStream = p[0];
    clientStream = p[1];
  }

  @AfterEach
  void close() throws IOException {
    if (f != null) {
      serverStream.close();
      clientStream.close();
      f.spin();
      f.close();
    }
  }

  /** Both ends as connections; the server echoes every message. */
  WebSocketConnection[] echoPair(WebSocketOptions serverOpts, WebSocketOptions clientOpts,
      DeflateParams deflate) {
    WebSocketConnection s = WebSocketConnection.create(serverStream, Role.SERVER, serverOpts,
        null, deflate);
    WebSocketConnection c = WebSocketConnection.create(clientStream, Role.CLIENT, clientOpts,
        null, deflate);
    s.onMessage(m -> m instanceof String t ? s.writeMessage(t) : s.writeMessage((byte[]) m));
    s.start();
    c.start();
    return new WebSocketConnection[] {s, c};
  }

  WebSocketConnection[] echoPair() {
    return echoPair(WebSocketOptions.DEFAULTS, WebSocketOptions.DEFAULTS, null);
  }

  /** A raw frame as a client would send it (masked with a fixed key). */
  static byte[] clientFrame(int b0, byte[] payload) {
    byte[] f = FrameCodec.encode(b0 & 0x0F, (b0 & 0x40) != 0, payload, new byte[] {1, 2, 3, 4});
    f[0] = (byte) b0;
    return f;
  }

  /** The server's close frame's code, read raw on the client stream. */
  int closeCodeSentToRawClient() {
    byte[] h = f.await(clientStream.readBytes(2));
    assertEquals(0x88, h[0] & 0xFF);
    byte[] p = f.await(clientStream.readBytes(h[1] & 0x7F));
    return ((p[0] & 0xFF) << 8) | (p[1] & 0xFF);
  }

  WebSocketConnection rawClientAgainstServer(WebSocketOptions opts) {
    WebSocketConnection s = WebSocketConnection.create(serverStream, Role.SERVER, opts, null,
        null);
    s.start();
    return s;
  }

  @Test
  void echoTextAndBinaryAtBoundaryLengths() {
    WebSocketConnection[] p = echoPair();
    WebSocketConnection c = p[1];
    f.await(c.writeMessage("héllo"));
    assertEquals("héllo", f.await(c.readMessage()));
    Random r = new Random(7);
    for (int n : new int[] {0, 125, 126, 65535, 65536, 1 << 20}) {
      byte[] b = new byte[n];
      r.nextBytes(b);
      c.writeMessage(b);
      assertArrayEquals(b, (byte[]) f.await(c.readMessage()), "length " + n);
    }
  }

  @Test
  void echoWithPermessageDeflate() {
    WebSocketOptions o = WebSocketOptions.DEFAULTS.withCompression(DeflateOptions.DEFAULTS);
    WebSocketConnection[] p = echoPair(o, o, new DeflateParams(false, false, null, null));
    String text = "compress me ".repeat(1000);
    for (int i = 0; i < 3; i++) {
      p[1].writeMessage(text);
      assertEquals(text, f.await(p[1].readMessage()));
    }
    byte[] b = new byte[300_000];
    p[1].writeMessage(b);
    assertArrayEquals(b, (byte[]) f.await(p[1].readMessage()));
  }

  @Test
  void fragmentedMessageIsReassembled() {
    WebSocketConnection s = rawClientAgainstServer(WebSocketOptions.DEFAULTS);
    byte[] hel = "Hel".getBytes(StandardCharsets.UTF_8);
    byte[] lo = "lo ".getBytes(StandardCharsets.UTF_8);
    byte[] w = "wörld".getBytes(StandardCharsets.UTF_8);
    // text, non-final; a ping in between; continuation; final continuation.
    clientStream.write(clientFrame(0x01, hel));
    clientStream.write(clientFrame(0x89, "p".getBytes(StandardCharsets.UTF_8)));
    clientStream.write(clientFrame(0x00, lo));
    clientStream.write(clientFrame(0x80, w));
    assertEquals("Hello wörld", f.await(s.readMessage()));
    byte[] pong = f.await(clientStream.readBytes(3));
    assertArrayEquals(new byte[] {(byte) 0x8A, 1, 'p'}, pong);
  }

  @Test
  void pingPong() {
    WebSocketConnection[] p = echoPair();
    CompletableFuture<byte[]> pong = new CompletableFuture<>();
    p[1].onPong(pong::complete);
    CompletableFuture<byte[]> ping = new CompletableFuture<>();
    p[0].onPing(ping::complete);
    p[1].ping("abc".getBytes(StandardCharsets.US_ASCII));
    assertArrayEquals("abc".getBytes(StandardCharsets.US_ASCII), f.await(pong));
    assertArrayEquals("abc".getBytes(StandardCharsets.US_ASCII), f.await(ping));
    assertThrows(IllegalArgumentException.class, () -> p[1].ping(new byte[126]));
  }

  @Test
  void closeHandshakeWithCodeAndReason() {
    WebSocketConnection[] p = echoPair();
    CompletableFuture<String> serverClosed = new CompletableFuture<>();
    CompletableFuture<String> clientClosed = new CompletableFuture<>();
    p[0].onClose((code, reason) -> serverClosed.complete(code + " " + reason));
    p[1].onClose((code, reason) -> clientClosed.complete(code + " " + reason));
    p[1].close(4000, "bye now");
    assertEquals("4000 bye now", f.await(serverClosed));
    assertEquals("4000 ", f.await(clientClosed));
    assertTrue(p[0].isClosed() && p[1].isClosed());
    assertNull(f.await(p[1].readMessage()));
    CompletionException e = assertThrows(CompletionException.class,
        () -> f.await(p[1].writeMessage("late")));
    assertInstanceOf(WebSocketClosedException.class, e.getCause());
  }

  @Test
  void serverInitiatedCloseWithoutCode() {
    WebSocketConnection[] p = echoPair();
    CompletableFuture<Integer> clientClosed = new CompletableFuture<>();
    p[1].onClose((code, reason) -> clientClosed.complete(code == null ? -1 : code));
    p[0].close();
    assertEquals(-1, f.await(clientClosed));
    assertNull(p[1].closeCode());
  }

  @Test
  void closeTimesOutWhenThePeerIsSilent() {
    WebSocketConnection c = WebSocketConnection.create(clientStream, Role.CLIENT,
        WebSocketOptions.DEFAULTS.withCloseTimeout(Duration.ofMillis(100)), null, null);
    c.start();
    CompletableFuture<Boolean> closed = new CompletableFuture<>();
    c.onClose((code, reason) -> closed.complete(true));
    c.close(1001, "going");
    assertTrue(f.await(closed));
  }

  @Test
  void oversizedMessageCloses1009() {
    WebSocketOptions small = WebSocketOptions.DEFAULTS.withMaxMessageSize(1000);
    WebSocketConnection[] p = echoPair(small, WebSocketOptions.DEFAULTS, null);
    CompletableFuture<Integer> clientClosed = new CompletableFuture<>();
    p[1].onClose((code, reason) -> clientClosed.complete(code));
    f.await(p[1].writeMessage(new byte[1000]));
    f.await(p[1].readMessage());
    p[1].writeMessage(new byte[2000]);
    assertEquals(1009, f.await(clientClosed));
    assertEquals("message too big", p[1].closeReason());
  }

  @Test
  void oversizedFragmentsClose1009() {
    WebSocketConnection s = rawClientAgainstServer(
        WebSocketOptions.DEFAULTS.withMaxMessageSize(1000));
    clientStream.write(clientFrame(0x02, new byte[600]));
    clientStream.write(clientFrame(0x80, new byte[600]));
    assertEquals(1009, closeCodeSentToRawClient());
    assertTrue(!s.isClosed());
  }

  @Test
  void oversizedAfterInflationCloses1009() {
    WebSocketOptions o = WebSocketOptions.DEFAULTS.withCompression(DeflateOptions.DEFAULTS);
    DeflateParams d = new DeflateParams(false, false, null, null);
    WebSocketConnection[] p = echoPair(o.withMaxMessageSize(10_000), o, d);
    CompletableFuture<Integer> clientClosed = new CompletableFuture<>();
    p[1].onClose((code, reason) -> clientClosed.complete(code));
    p[1].writeMessage(new byte[100_000]);
    assertEquals(1009, f.await(clientClosed));
  }

  @Test
  void protocolViolationsClose1002Or1007() throws IOException {
    List<byte[]> bad = new ArrayList<>();
    bad.add(FrameCodec.encode(Frame.TEXT, false, new byte[3], null)); // unmasked
    bad.add(clientFrame(0x83, new byte[1])); // unknown opcode
    bad.add(clientFrame(0x09, new byte[1])); // fragmented ping
    bad.add(clientFrame(0x89, new byte[126])); // long ping
    bad.add(clientFrame(0xC1, new byte[1])); // RSV1 without an extension
    bad.add(clientFrame(0x80, new byte[1])); // continuation without a message
    bad.add(clientFrame(0x88, new byte[] {0x03, (byte) 0xED})); // close code 1005
    bad.add(clientFrame(0x81, new byte[] {(byte) 0xC0, (byte) 0x80})); // invalid UTF-8
    int[] expected = {1002, 1002, 1002, 1002, 1002, 1002, 1002, 1007};
    for (int i = 0; i < bad.size(); i++) {
      if (i > 0) {
        serverStream.close();
        clientStream.close();
        IOStream[] pair = f.pair();
        serverStream = pair[0];
        clientStream = pair[1];
      }
      WebSocketConnection s = rawClientAgainstServer(WebSocketOptions.DEFAULTS);
      CompletableFuture<Boolean> closed = new CompletableFuture<>();
      s.onClose((code, reason) -> closed.complete(true));
      clientStream.write(bad.get(i));
      assertEquals(expected[i], closeCodeSentToRawClient(), "case " + i);
      assertTrue(f.await(closed), "case " + i);
    }
  }

  @Test
  void clientRejectsMaskedServerFrames() {
    WebSocketConnection c = WebSocketConnection.create(clientStream, Role.CLIENT,
        WebSocketOptions.DEFAULTS, null, null);
    c.start();
    serverStream.write(clientFrame(0x81, new byte[] {'x'}));
    byte[] h = f.await(serverStream.readBytes(2));
    assertEquals(0x88, h[0] & 0xFF);
    assertEquals(0x82, h[1] & 0xFF, "masked, two bytes");
    byte[] rest = f.await(serverStream.readBytes(6));
    byte[] code = {rest[4], rest[5]};
    FrameCodec.unmask(code, new byte[] {rest[0], rest[1], rest[2], rest[3]});
    assertEquals(1002, ((code[0] & 0xFF) << 8) | (code[1] & 0xFF));
  }

  @Test
  void handlerStageHoldsReading() {
    WebSocketConnection s = WebSocketConnection.create(serverStream, Role.SERVER,
        WebSocketOptions.DEFAULTS, null, null);
    WebSocketConnection c = WebSocketConnection.create(clientStream, Role.CLIENT,
        WebSocketOptions.DEFAULTS, null, null);
    List<Object> got = new ArrayList<>();
    CompletableFuture<Void> gate = new CompletableFuture<>();
    s.onMessage(m -> {
      got.add(m);
      return got.size() == 1 ? gate : null;
    });
    s.start();
    c.start();
    c.writeMessage("1");
    c.writeMessage("2");
    f.await(c.writeMessage("3"));
    f.sleep(Duration.ofMillis(50));
    assertEquals(List.of("1"), got);
    gate.complete(null);
    f.sleep(Duration.ofMillis(50));
    assertEquals(List.of("1", "2", "3"), got);
  }

  @Test
  void readMessageHoldsOneMessageThenHandlerTakesOver() {
    WebSocketConnection[] p = echoPair();
    p[1].writeMessage("a");
    p[1].writeMessage("b");
    f.sleep(Duration.ofMillis(50));
    List<Object> got = new ArrayList<>();
    p[1].onMessage(m -> {
      got.add(m);
      return null;
    });
    f.sleep(Duration.ofMillis(50));
    assertEquals(List.of("a", "b"), got);
  }

  @Test
  void pingTimeoutClosesAnUnresponsivePeer() {
    WebSocketConnection s = WebSocketConnection.create(serverStream, Role.SERVER,
        WebSocketOptions.DEFAULTS.withPing(Duration.ofMillis(50), Duration.ofMillis(100)),
        null, null);
    CompletableFuture<Boolean> closed = new CompletableFuture<>();
    s.onClose((code, reason) -> closed.complete(true));
    s.start(); // the raw client never answers
    assertTrue(f.await(closed));
  }

  @Test
  void pingsKeepAResponsivePeerOpen() {
    WebSocketOptions o =
        WebSocketOptions.DEFAULTS.withPing(Duration.ofMillis(30), Duration.ofMillis(60));
    WebSocketConnection[] p = echoPair(o, WebSocketOptions.DEFAULTS, null);
    f.sleep(Duration.ofMillis(300));
    assertTrue(!p[0].isClosed() && !p[1].isClosed());
  }
}
