package dev.eddy.examples.chat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eddy.web.websocket.CloseCodes;

/**
 * The chat's WebSocket frames, JSON text both ways. A browser sends {@code {"body": "text"}};
 * the server sends {@code {"type": "message", "id": 1, "nick": "alice", "body": "text"}} and
 * {@code {"type": "error", "error": "message is empty"}}.
 *
 * <p>{@link #parse} sorts a frame from a browser into a {@link Post}, a {@link Refusal} (bad
 * content: answered with an error frame, the socket stays open) or a {@link Violation} (not the
 * protocol: the socket is closed with its code and reason). Frames over {@link #MAX_FRAME_BYTES}
 * never get here: the WebSocket layer closes the connection with 1009.
 */
final class ChatProtocol {

  /** The longest message body, in characters (code points). */
  static final int MAX_BODY_CHARS = 1000;
  /** The largest frame a browser may send, in bytes. */
  static final long MAX_FRAME_BYTES = 64 * 1024;

  private static final JsonMapper MAPPER = JsonMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

  private ChatProtocol() {}

  /** What a frame from a browser means. */
  sealed interface Inbound permits Post, Refusal, Violation {}

  /** A message to post: {@code body} is not blank and short enough (stripped). */
  record Post(String body) implements Inbound {}

  /** Content the room refuses; {@code error} tells the sender why. */
  record Refusal(String error) implements Inbound {}

  /** Not the chat protocol: close with {@code closeCode} and {@code reason}. */
  record Violation(int closeCode, String reason) implements Inbound {}

  /** Sorts a frame (a {@code String} for text, {@code byte[]} for binary). */
  static Inbound parse(Object frame) {
    if (!(frame instanceof String text)) {
      return new Violation(CloseCodes.UNSUPPORTED_DATA, "binary frames are not accepted");
    }
    JsonNode node;
    try {
      node = MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      return new Violation(CloseCodes.INVALID_PAYLOAD, "not JSON");
    }
    JsonNode body = node.isObject() ? node.get("body") : null;
    if (body == null || !body.isTextual()) {
      return new Violation(CloseCodes.INVALID_PAYLOAD, "expected {\"body\": \"text\"}");
    }
    String stripped = body.textValue().strip();
    if (stripped.isEmpty()) {
      return new Refusal("message is empty");
    }
    if (stripped.codePointCount(0, stripped.length()) > MAX_BODY_CHARS) {
      return new Refusal("message too long (at most " + MAX_BODY_CHARS + " characters)");
    }
    return new Post(stripped);
  }

  /** The frame announcing {@code message}. */
  static String encode(ChatMessage message) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("type", "message");
    node.put("id", message.id());
    node.put("nick", message.nick());
    node.put("body", message.body());
    return node.toString();
  }

  /** The frame telling a sender what was wrong with its message. */
  static String error(String error) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("type", "error");
    node.put("error", error);
    return node.toString();
  }
}
