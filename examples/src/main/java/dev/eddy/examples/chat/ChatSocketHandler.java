package dev.eddy.examples.chat;

import dev.eddy.web.HttpError;
import dev.eddy.web.websocket.WebSocketHandler;
import dev.eddy.web.websocket.WebSocketOptions;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /chatsocket}: one browser in the {@link ChatRoom}. The handshake needs a valid signed
 * nickname cookie (else 403, before any upgrade); on open the socket joins the room and gets the
 * cached messages; each valid message is posted under the cookie's nickname. Bad content is
 * answered with an error frame, anything that is not the protocol closes the socket (see {@link
 * ChatProtocol}); frames over 64 KiB close it with 1009.
 */
final class ChatSocketHandler extends WebSocketHandler implements ChatRoom.Member {

  private static final Logger log = LoggerFactory.getLogger(ChatSocketHandler.class);
  private static final WebSocketOptions OPTIONS = WebSocketOptions.DEFAULTS
      .withMaxMessageSize(ChatProtocol.MAX_FRAME_BYTES)
      .withPing(Duration.ofSeconds(30), Duration.ofSeconds(30));

  private final ChatRoom room;
  private String nick;

  ChatSocketHandler(ChatRoom room) {
    this.room = room;
  }

  @Override
  protected WebSocketOptions options() {
    return OPTIONS;
  }

  @Override
  protected CompletionStage<?> prepare() {
    nick = Nicknames.read(this);
    if (nick == null) {
      throw new HttpError(403, "WebSocket without a valid nickname cookie", null);
    }
    return null;
  }

  @Override
  protected CompletionStage<?> open() {
    room.join(this);
    return null;
  }

  @Override
  protected CompletionStage<?> onMessage(Object message) {
    ChatProtocol.Inbound in = ChatProtocol.parse(message);
    if (in instanceof ChatProtocol.Post post) {
      room.post(nick, post.body());
    } else if (in instanceof ChatProtocol.Refusal refusal) {
      send(ChatProtocol.error(refusal.error()));
    } else if (in instanceof ChatProtocol.Violation violation) {
      log.info("Closing the socket of {}: {}", nick, violation.reason());
      close(violation.closeCode(), violation.reason());
    }
    return null;
  }

  @Override
  protected void onClose() {
    room.leave(this);
  }

  @Override
  public void deliver(ChatMessage message) {
    send(ChatProtocol.encode(message));
  }

  private void send(String frame) {
    writeMessage(frame).whenComplete((v, e) -> {
      if (e != null) {
        log.debug("Dropped a frame for {}: {}", nick, e.toString());
      }
    });
  }
}
