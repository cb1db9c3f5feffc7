package dev.eddy.examples.chat;

import dev.eddy.web.RequestHandler;

/**
 * {@code POST /nickname} (form field {@code nick}, with the XSRF token the application checks):
 * stores the nickname in its signed cookie and sends the browser back to the page (303). A
 * blank, overlong or control-character nickname is a 400.
 */
final class NicknameHandler extends RequestHandler {

  @Override
  protected Object post() {
    Nicknames.store(this, Nicknames.validate(getArgument("nick")));
    redirect("/", 303);
    return null;
  }
}
