package dev.eddy.examples.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eddy.http.HttpClient;
import dev.eddy.http.HttpClientException;
import dev.eddy.http.HttpHeaders;
import dev.eddy.http.HttpRequest;
import dev.eddy.http.HttpResponse;
import dev.eddy.loop.IOLoop;
import dev.eddy.web.websocket.WebSocket;
import dev.eddy.web.websocket.WebSocketConnection;
import dev.eddy.web.websocket.WebSocketOptions;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scripted visitor of a running {@link ChatServer}, as a browser would be: it reads the page
 * for the XSRF token, posts the nickname form, keeps the cookies it is given, and opens
 * WebSockets with them on a client loop of its own test thread ({@link #await}).
 */
final class ChatVisitor {

  static final Duration STEP = Duration.ofSeconds(20);
  private static final Pattern XSRF_FIELD = Pattern.compile("name=\"_xsrf\" value=\"([^\"]+)\"");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ChatServer server;
  private final HttpClient http;
  private final IOLoop loop;

  ChatVisitor(ChatServer server, HttpClient http, IOLoop loop) {
    this.server = server;
    this.http = http;
    this.loop = loop;
  }

  <T> T await(CompletionStage<T> future) {
    return loop.runSync(() -> future, STEP);
  }

  /** GET / with these cookies (a {@code Cookie} header value, or null). */
  HttpResponse page(String cookies) throws HttpClientException {
    HttpRequest.Builder get = HttpRequest.builder(server.url()).raiseError(false);
    if (cookies != null) {
      get.header("Cookie", cookies);
    }
    return http.fetch(get.build());
  }

  /**
   * POSTs the nickname form as a browser would (the page's XSRF token and cookie), or without
   * the token; returns the answer, not following the redirect.
   */
  HttpResponse postNickname(String nick, boolean withXsrf) throws HttpClientException {
    HttpResponse page = page(null);
    String xsrfCookie = cookie(page, "_xsrf");
    Matcher field = XSRF_FIELD.matcher(page.bodyText());
    assertNotNull(xsrfCookie, "the page sets the _xsrf cookie");
    String form = "nick=" + URLEncoder.encode(nick, StandardCharsets.UTF_8);
    if (withXsrf) {
      assertTrue(field.find(), "the page has the _xsrf field");
      form += "&_xsrf=" + URLEncoder.encode(field.group(1), StandardCharsets.UTF_8);
    }
    return http.fetch(HttpRequest.builder(server.url() + "nickname").method("POST")
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Cookie", "_xsrf=" + xsrfCookie)
        .body(form).followRedirects(false).raiseError(false).build());
  }

  /** The {@code Cookie} header value carrying the signed nickname cookie for {@code nick}. */
  String join(String nick) throws HttpClientException {
    HttpResponse answer = postNickname(nick, true);
    assertEquals(303, answer.code(), answer::bodyText);
    assertEquals("/", answer.header("Location"));
    String signed = cookie(answer, Nicknames.COOKIE);
    assertNotNull(signed, "the nickname cookie is set");
    return Nicknames.COOKIE + "=" + signed;
  }

  /** Opens the chat socket with this {@code Cookie} header value (or none). */
  CompletionStage<WebSocketConnection> connect(String cookies) {
    HttpHeaders headers = cookies == null ? null : HttpHeaders.of("Cookie", cookies);
    return WebSocket.connect(loop, "ws://127.0.0.1:" + server.port() + "/chatsocket",
        WebSocketOptions.DEFAULTS, headers, List.of(), null);
  }

  /** The next frame as JSON; fails if the socket closed instead. */
  JsonNode next(WebSocketConnection socket) throws Exception {
    Object frame = await(socket.readMessage());
    assertNotNull(frame, () -> "the socket closed: " + socket.closeCode() + " "
        + socket.closeReason());
    return JSON.readTree((String) frame);
  }

  /** The value of cookie {@code name} as set by {@code response} (as sent), or null. */
  static String cookie(HttpResponse response, String name) {
    for (String set : response.headers().getAll("Set-Cookie")) {
      if (set.startsWith(name + "=")) {
        int end = set.indexOf(';');
        return set.substring(name.length() + 1, end < 0 ? set.length() : end);
      }
    }
    return null;
  }
}
