package dev.eddy.web.websocket;

import dev.eddy.http.HttpHeaders;
import dev.eddy.http.HttpVersion;
import dev.eddy.http.ResponseStartLine;
import dev.eddy.web.HttpError;
import dev.eddy.web.RequestHandler;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A WebSocket endpoint on the web routing: Tornado's {@code WebSocketHandler}. Route it like any
 * handler; override {@link #open()}, {@link #onMessage(Object)} and {@link #onClose()}, and talk
 * back with {@link #writeMessage}, {@link #ping} and {@link #close}.
 *
 * <p>The handshake (RFC 6455 §4.2): a request that is not a valid upgrade is 400 (405 for another
 * method than GET); another {@code Sec-WebSocket-Version} is 426 with {@code Sec-WebSocket-Version:
 * 13}; an {@code Origin} that {@link #checkOrigin} refuses (by default: not the request's own host)
 * is 403. Then 101, and the connection's stream belongs to the WebSocket. {@link #open()} may
 * return a stage: no message is delivered before it completes. {@link #onMessage} may return a
 * stage too: no further message is read until it completes (flow control). {@link #options()}
 * gives the limits (max message size, ping interval and timeout) and permessage-deflate.
 *
 * <p>Threading: the connection's loop thread.
 */
public abstract class WebSocketHandler extends RequestHandler {

  private static final Logger log = LoggerFactory.getLogger(WebSocketHandler.class);

  private WebSocketConnection ws;

  /** Options for this endpoint; override to change the limits or turn compression on. */
  protected WebSocketOptions options() {
    return WebSocketOptions.DEFAULTS;
  }

  /**
   * Whether to accept a handshake from {@code origin} (the {@code Origin} header): by default only
   * from the request's own host, as Tornado.
   */
  protected boolean checkOrigin(String origin) {
    try {
      String host = URI.create(origin).getAuthority();
      return host != null && host.toLowerCase(Locale.ROOT).equals(
          request().host().toLowerCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** The subprotocol to use among those offered, or null for none. */
  protected String selectSubprotocol(List<String> offered) {
    return null;
  }

  /** The connection is open. @return null, or a stage before which no message is delivered */
  protected CompletionStage<?> open() throws Exception {
    return null;
  }

  /**
   * A message: a {@code String} (text) or {@code byte[]} (binary).
   *
   * @return null, or a stage before which no further message is read
   */
  protected CompletionStage<?> onMessage(Object message) throws Exception {
    return null;
  }

  /** The connection closed ({@link #closeCode()} and {@link #closeReason()} say how). */
  protected void onClose() {}

  /** A pong arrived. */
  protected void onPong(byte[] data) {}

  /** Sends a text message. Fails with {@link WebSocketClosedException} once closed. */
  public final CompletableFuture<Void> writeMessage(String message) {
    return connection().writeMessage(message);
  }

  /** Sends a binary message. */
  public final CompletableFuture<Void> writeMessage(byte[] message) {
    return connection().writeMessage(message);
  }

  /** Sends a ping. */
  public final CompletableFuture<Void> ping(byte[] data) {
    return connection().ping(data);
  }

  /** Starts the closing handshake with a code and reason (or null and null). */
  public final void close(Integer code, String reason) {
    connection().close(code, reason);
  }

  /** The close code the peer sent, or null. */
  public final Integer closeCode() {
    return ws == null ? null : ws.closeCode();
  }

  /** The close reason the peer sent, or null. */
  public final String closeReason() {
    return ws == null ? null : ws.closeReason();
  }

  /** The negotiated subprotocol, or null. */
  public final String subprotocol() {
    return ws == null ? null : ws.subprotocol();
  }

  /** @throws IllegalStateException before the handshake completed */
  private WebSocketConnection connection() {
    if (ws == null) {
      throw new IllegalStateException("the WebSocket is not open yet");
    }
    return ws;
  }

  @Override
  protected final Object get() throws Exception {
    HttpHeaders headers = request().headers();
    int status = WebSocketHandshake.checkRequest(request().method(), headers);
    if (status == 426) {
      sendError(426, WebSocketHandshake.versionHeaders());
      return null;
    }
    if (status != WebSocketHandshake.OK) {
      throw new HttpError(status, "not a valid WebSocket upgrade", null);
    }
    String origin = headers.get("Origin");
    if (origin != null && !checkOrigin(origin)) {
      throw new HttpError(403, "cross origin WebSocket from " + origin + " refused", null);
    }
    WebSocketOptions opts = options();
    String chosen = selectSubprotocol(WebSocketHandshake.requestedSubprotocols(headers));
    DeflateParams deflate = WebSocketHandshake.negotiateDeflate(headers, opts);
    HttpHeaders answer = WebSocketHandshake.responseHeaders(headers, chosen, deflate);
    request().connection().writeResponseHead(
        new ResponseStartLine(HttpVersion.HTTP_1_1, 101, "Switching Protocols"), answer, null);
    request().connection().finish();
    request().connection().detach();
    markUpgraded(101);
    ws = WebSocketConnection.create(request().connection().stream(),
        WebSocketConnection.Role.SERVER, opts, chosen, deflate);
    ws.onClose((code, reason) -> {
      try {
        onClose();
      } catch (RuntimeException e) {
        log.error("Error in onClose of {}", this, e);
      }
    });
    ws.onPong(this::onPong);
    CompletionStage<?> opened;
    try {
      opened = open();
    } catch (Exception e) {
      log.error("Error in open of {}", this, e);
      ws.close(1011, "internal error");
      return null;
    }
    CompletableFuture<?> ready = opened == null ? CompletableFuture.completedFuture(null)
        : opened.toCompletableFuture();
    ready.whenComplete((v, e) -> {
      if (e != null) {
        log.error("open of {} failed", this, e);
        ws.close(1011, "internal error");
        return;
      }
      ws.onMessage(message -> {
        try {
          return onMessage(message);
        } catch (Exception failure) {
          log.error("Error in onMessage of {}", this, failure);
          ws.close(1011, "internal error");
          return null;
        }
      });
      ws.start();
    });
    return null;
  }
}
