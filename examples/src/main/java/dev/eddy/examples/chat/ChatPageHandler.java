package dev.eddy.examples.chat;

import dev.eddy.web.RequestHandler;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code GET /}: the chat page, rendered from the {@code index.html} template. Without a
 * nickname cookie it shows only the nickname form; with one, also the room (its messages arrive
 * over the WebSocket, the cache first) and the message form.
 */
final class ChatPageHandler extends RequestHandler {

  @Override
  protected Object get() throws Exception {
    Map<String, Object> model = new HashMap<>();
    model.put("nick", Nicknames.read(this));
    model.put("maxNick", Nicknames.MAX_CHARS);
    model.put("maxBody", ChatProtocol.MAX_BODY_CHARS);
    return render("index.html", model);
  }
}
