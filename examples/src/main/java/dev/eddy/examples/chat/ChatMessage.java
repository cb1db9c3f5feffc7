package dev.eddy.examples.chat;

import java.util.Objects;

/**
 * One message of the chat room: its sequence number in the room, who sent it (the nickname from
 * the sender's signed cookie) and what they wrote, both as plain text (the page shows them as
 * text, never as HTML).
 *
 * @param id the room's sequence number, from 1
 * @param nick the sender's nickname
 * @param body the text
 */
public record ChatMessage(long id, String nick, String body) {

  /** @throws NullPointerException for a null nickname or body */
  public ChatMessage {
    Objects.requireNonNull(nick, "nick");
    Objects.requireNonNull(body, "body");
  }
}
