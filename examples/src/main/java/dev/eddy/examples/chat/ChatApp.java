package dev.eddy.examples.chat;

import dev.eddy.web.Application;
import dev.eddy.web.SecretSource;
import dev.eddy.web.Settings;
import java.nio.file.Path;
import java.util.List;

/**
 * Tornado's WebSocket chat demo ({@code demos/websocket/chatdemo.py}) on Eddy: {@code /} is the
 * page (a Pebble template, with {@code chat.js} and {@code chat.css} under {@code /static/}),
 * {@code POST /nickname} sets the nickname in a signed cookie (XSRF-checked), and {@code
 * /chatsocket} is the WebSocket every open page joins: each message goes to every socket, and a
 * newcomer first gets the last {@link ChatRoom#DEFAULT_CACHE_SIZE} messages.
 *
 * <p>The application serves one {@link ChatRoom}, which belongs to one loop: serve it from a
 * single loop.
 */
public final class ChatApp {

  /**
   * The files the example ships under {@code chat/} in its jar: copy them to a directory (see
   * {@link dev.eddy.examples.BundledFiles}) and pass it to {@link #create}.
   */
  public static final List<String> FILES =
      List.of("templates/index.html", "static/chat.js", "static/chat.css");

  private ChatApp() {}

  /** {@link #create(Path, SecretSource, int)} with Tornado's cache of 200 messages. */
  public static Application create(Path files, SecretSource cookieSecret) {
    return create(files, cookieSecret, ChatRoom.DEFAULT_CACHE_SIZE);
  }

  /**
   * The chat application.
   *
   * @param files a directory holding {@link #FILES} ({@code templates/} and {@code static/})
   * @param cookieSecret signs the nickname cookie and keys the XSRF check
   * @param cacheSize how many recent messages a newcomer gets
   */
  public static Application create(Path files, SecretSource cookieSecret, int cacheSize) {
    ChatRoom room = new ChatRoom(cacheSize);
    Settings settings = Settings.DEFAULTS
        .withCookieSecret(cookieSecret)
        .withXsrfCookies(true)
        .withTemplatePath(files.resolve("templates"))
        .withStaticPath(files.resolve("static"));
    return new Application(settings)
        .add("/", ChatPageHandler::new)
        .add("/nickname", NicknameHandler::new)
        .add("/chatsocket", () -> new ChatSocketHandler(room));
  }
}
