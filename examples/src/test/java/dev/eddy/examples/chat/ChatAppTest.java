package dev.eddy.examples.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eddy.http.HttpClient;
import dev.eddy.http.HttpClientException;
import dev.eddy.http.HttpResponse;
import dev.eddy.loop.IOLoop;
import dev.eddy.web.SecretSource;
import dev.eddy.web.SignedValues;
import dev.eddy.web.websocket.CloseCodes;
import dev.eddy.web.websocket.WebSocketConnection;
import java.io.IOException;
import java.time.Instant;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The chat end to end without a browser: a {@link ChatServer} on port 0, visitors talking to it
 * with Eddy's HTTP client and WebSocket client. Broadcast, the cache for newcomers, the signed
 * nickname cookie (forged and tampered ones refused), XSRF on the form, escaping on the page,
 * and bad frames answered or closed while the room goes on.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ChatAppTest {

  private ChatServer server;
  private HttpClient http;
  private IOLoop loop;
  private ChatVisitor visitor;

  @BeforeEach
  void start() throws IOException {
    server = ChatServer.start(0);
    http = new HttpClient();
    loop = IOLoop.create();
    visitor = new ChatVisitor(server, http, loop);
  }

  @AfterEach
  void stop() {
    if (loop != null) {
      loop.close(true);
    }
    if (http != null) {
      http.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void everyOpenSocketGetsEachMessageWithTheSendersNickname() throws Exception {
    WebSocketConnection alice = visitor.await(visitor.connect(visitor.join("alice")));
    WebSocketConnection bob = visitor.await(visitor.connect(visitor.join("bob")));
    String text = "hi <b>bob</b> & \"friends\" ✓";
    visitor.await(alice.writeMessage("{\"body\": \"" + text.replace("\"", "\\\"") + "\"}"));
    for (WebSocketConnection socket : new WebSocketConnection[] {alice, bob}) {
      JsonNode m = visitor.next(socket);
      assertEquals("message", m.get("type").asText());
      assertEquals(1, m.get("id").asLong());
      assertEquals("alice", m.get("nick").asText());
      assertEquals(text, m.get("body").asText(), "sent as text, as written");
    }
    visitor.await(bob.writeMessage("{\"body\": \"  hello alice  \"}"));
    for (WebSocketConnection socket : new WebSocketConnection[] {alice, bob}) {
      JsonNode m = visitor.next(socket);
      assertEquals("bob", m.get("nick").asText());
      assertEquals("hello alice", m.get("body").asText(), "stripped");
    }
    alice.close(CloseCodes.NORMAL, "bye");
    bob.close(CloseCodes.NORMAL, "bye");
    assertNull(visitor.await(alice.readMessage()));
    assertNull(visitor.await(bob.readMessage()));
  }

  @Test
  void newcomersGetTheRecentMessagesFirst() throws Exception {
    WebSocketConnection alice = visitor.await(visitor.connect(visitor.join("alice")));
    for (int i = 1; i <= 3; i++) {
      visitor.await(alice.writeMessage("{\"body\": \"message " + i + "\"}"));
      assertEquals(i, visitor.next(alice).get("id").asLong());
    }
    WebSocketConnection carol = visitor.await(visitor.connect(visitor.join("carol")));
    for (int i = 1; i <= 3; i++) {
      JsonNode m = visitor.next(carol);
      assertEquals("alice", m.get("nick").asText());
      assertEquals("message " + i, m.get("body").asText(), "the cache, oldest first");
    }
    visitor.await(carol.writeMessage("{\"body\": \"hello\"}"));
    assertEquals("carol", visitor.next(alice).get("nick").asText());
    assertEquals(4, visitor.next(carol).get("id").asLong(), "then live messages");
  }

  @Test
  void theSocketNeedsANicknameCookieSignedWithTheAppsSecret() throws Exception {
    String genuine = visitor.join("alice");
    String forged = Nicknames.COOKIE + "=" + SignedValues.create(
        SecretSource.of("not the secret"), Nicknames.COOKIE, "mallory",
        Instant.now().getEpochSecond());
    int signatureStart = genuine.lastIndexOf('|') + 1;
    char c = genuine.charAt(signatureStart);
    String tampered = genuine.substring(0, signatureStart) + (c == '0' ? '1' : '0')
        + genuine.substring(signatureStart + 1);
    for (String cookies : new String[] {null, forged, tampered, "chat_nick=alice"}) {
      CompletionException e = assertThrows(CompletionException.class,
          () -> visitor.await(visitor.connect(cookies)), () -> "accepted " + cookies);
      HttpClientException refused = assertInstanceOf(HttpClientException.class, e.getCause());
      assertEquals(403, refused.code(), () -> "for " + cookies);
    }
    WebSocketConnection alice = visitor.await(visitor.connect(genuine));
    visitor.await(alice.writeMessage("{\"body\": \"still me\"}"));
    assertEquals("alice", visitor.next(alice).get("nick").asText());
  }

  @Test
  void theNicknameFormNeedsTheXsrfTokenAndAReasonableName() throws Exception {
    assertEquals(403, visitor.postNickname("alice", false).code(), "no _xsrf argument");
    assertEquals(400, visitor.postNickname("   ", true).code(), "blank");
    assertEquals(400, visitor.postNickname("x".repeat(Nicknames.MAX_CHARS + 1), true).code());
    assertEquals(400, visitor.postNickname("tab\there", true).code(), "control character");
    assertEquals(303, visitor.postNickname("é".repeat(Nicknames.MAX_CHARS), true).code());
  }

  @Test
  void thePageShowsTheNicknameEscapedAndLinksTheStaticFiles() throws Exception {
    HttpResponse anonymous = visitor.page(null);
    assertEquals(200, anonymous.code());
    assertTrue(anonymous.bodyText().contains("id=\"nickform\""));
    assertFalse(anonymous.bodyText().contains("id=\"messageform\""), "no room without a name");

    String nick = "<b>\"bob\"</b>";
    HttpResponse page = visitor.page(visitor.join(nick));
    String html = page.bodyText();
    assertFalse(html.contains(nick), "the nickname is escaped: " + html);
    assertTrue(html.contains(">&lt;b&gt;&quot;bob&quot;&lt;/b&gt;</strong>"), html);
    assertTrue(html.contains("value=\"&lt;b&gt;&quot;bob&quot;&lt;/b&gt;\""), "in attributes too");
    assertTrue(html.contains("id=\"messageform\""));
    assertTrue(html.contains("/static/chat.js?v="), "versioned static URLs");

    HttpResponse js = http.fetch(server.url() + "static/chat.js");
    assertTrue(js.header("Content-Type").contains("javascript"), js.header("Content-Type"));
    assertTrue(js.bodyText().contains("textContent"));
    assertEquals(200, http.fetch(server.url() + "static/chat.css").code());
  }

  @Test
  void badContentIsAnsweredAndTheSocketStaysOpen() throws Exception {
    WebSocketConnection alice = visitor.await(visitor.connect(visitor.join("alice")));
    visitor.await(alice.writeMessage("{\"body\": \" \"}"));
    JsonNode empty = visitor.next(alice);
    assertEquals("error", empty.get("type").asText());
    assertEquals("message is empty", empty.get("error").asText());
    String tooLong = "y".repeat(ChatProtocol.MAX_BODY_CHARS + 1);
    visitor.await(alice.writeMessage("{\"body\": \"" + tooLong + "\"}"));
    assertEquals("message too long (at most 1000 characters)",
        visitor.next(alice).get("error").asText());
    visitor.await(alice.writeMessage("{\"body\": \"fine\"}"));
    assertEquals("fine", visitor.next(alice).get("body").asText());
  }

  @Test
  void framesOutsideTheProtocolCloseTheSocketAndTheRoomGoesOn() throws Exception {
    String cookies = visitor.join("alice");
    Object[][] cases = {
        {"not json", CloseCodes.INVALID_PAYLOAD, "not JSON"},
        {"{\"body\": 5}", CloseCodes.INVALID_PAYLOAD, "expected {\"body\": \"text\"}"},
        {"{\"body\": \"a\"} trailing", CloseCodes.INVALID_PAYLOAD, "not JSON"},
        {"[]", CloseCodes.INVALID_PAYLOAD, "expected {\"body\": \"text\"}"},
        {new byte[] {1, 2, 3}, CloseCodes.UNSUPPORTED_DATA, "binary frames are not accepted"},
        {"x".repeat((int) ChatProtocol.MAX_FRAME_BYTES + 1), CloseCodes.MESSAGE_TOO_BIG, null},
    };
    for (Object[] bad : cases) {
      WebSocketConnection socket = visitor.await(visitor.connect(cookies));
      if (bad[0] instanceof String text) {
        visitor.await(socket.writeMessage(text));
      } else {
        visitor.await(socket.writeMessage((byte[]) bad[0]));
      }
      assertNull(visitor.await(socket.readMessage()), "closed by the server");
      assertEquals(bad[1], socket.closeCode(), () -> "close code for " + bad[0]);
      if (bad[2] != null) {
        assertEquals(bad[2], socket.closeReason());
      }
    }
    WebSocketConnection bob = visitor.await(visitor.connect(visitor.join("bob")));
    visitor.await(bob.writeMessage("{\"body\": \"anyone?\"}"));
    assertEquals("anyone?", visitor.next(bob).get("body").asText());
  }
}
