package dev.eddy.examples.chat;

import dev.eddy.web.CookieOptions;
import dev.eddy.web.HttpError;
import dev.eddy.web.RequestHandler;

/**
 * The nickname of a visitor, kept in the signed cookie {@value #COOKIE}: set by the nickname
 * form, read back on the page and on the WebSocket handshake. A cookie that was not signed with
 * the application's secret (forged, tampered, renamed or expired) reads as no nickname.
 */
final class Nicknames {

  /** The signed cookie's name. */
  static final String COOKIE = "chat_nick";
  /** The longest nickname, in characters (code points). */
  static final int MAX_CHARS = 32;

  private Nicknames() {}

  /** The nickname of this request's signed cookie, or null if there is no valid one. */
  static String read(RequestHandler handler) {
    String nick = handler.getSignedCookie(COOKIE);
    return nick == null || problem(nick) != null ? null : nick;
  }

  /** Stores {@code nick} in the signed cookie (HttpOnly, SameSite=Lax). */
  static void store(RequestHandler handler, String nick) {
    handler.setSignedCookie(COOKIE, nick, CookieOptions.defaults().withHttpOnly(true)
        .withSameSite(CookieOptions.SameSite.LAX));
  }

  /**
   * {@code raw} stripped, if it makes a nickname.
   *
   * @throws HttpError 400 saying what is wrong with it
   */
  static String validate(String raw) {
    String nick = raw.strip();
    String problem = problem(nick);
    if (problem != null) {
      throw new HttpError(400, "bad nickname: " + problem, "Bad nickname: " + problem);
    }
    return nick;
  }

  private static String problem(String nick) {
    if (nick.isEmpty()) {
      return "empty";
    }
    if (nick.codePointCount(0, nick.length()) > MAX_CHARS) {
      return "longer than " + MAX_CHARS + " characters";
    }
    if (nick.codePoints().anyMatch(Character::isISOControl)) {
      return "control characters";
    }
    return null;
  }
}
