package dev.eddy.web.websocket;

import dev.eddy.loop.IOLoop;
import dev.eddy.loop.Timeout;
import dev.eddy.stream.BaseIOStream;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket connection (RFC 6455, with RFC 7692 permessage-deflate) over an already upgraded
 * stream, for either side: Tornado's {@code WebSocketProtocol13} with the public API of {@code
 * WebSocketClientConnection}.
 *
 * <p><b>Server hand-off.</b> A server validates the request ({@link
 * WebSocketHandshake#checkRequest}), negotiates ({@link DeflateParams#negotiate}, its own
 * subprotocol choice), writes the 101 response ({@link WebSocketHandshake#responseHeaders}), then
 * detaches the stream from HTTP and calls {@link #create create(stream, Role.SERVER, options,
 * subprotocol, deflate)}, registers its callbacks ({@link #onMessage}, {@link #onClose}, …) and
 * calls {@link #start()} (after its {@code open()}: messages wait in the stream until then). The
 * connection takes the stream's close callback over.
 *
 * <p><b>Receiving.</b> Either {@link #readMessage()} (one pending at a time; completes with a
 * {@code String} for text, a {@code byte[]} for binary, null once closed), or {@link #onMessage}:
 * the handler's returned stage, if not null, holds further reading until it completes (flow
 * control). Until a handler is set, one received message is held for {@code readMessage} and
 * reading pauses. Pings are answered automatically.
 *
 * <p><b>Errors.</b> A protocol violation by the peer fails the connection: a close frame with 1002
 * (framing), 1007 (invalid UTF-8) or 1009 (message over {@link WebSocketOptions#maxMessageSize}),
 * then the stream is closed; {@link #onClose} reports the peer's close code, if any. Writes after
 * {@link #close} or after the stream closed fail with {@link WebSocketClosedException}.
 *
 * <p><b>Threading.</b> Every method is called on the loop's thread; every future completes and
 * every callback runs there. Not thread-safe.
 */
public final class WebSocketConnection {

  /** Which end of the connection this is: a client masks its frames, a server must not. */
  public enum Role { CLIENT, SERVER }

  private static final Logger log = LoggerFactory.getLogger(WebSocketConnection.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final BaseIOStream stream;
  private final IOLoop loop;
  private final Role role;
  private final WebSocketOptions options;
  private final String subprotocol;
  private final DeflateParams deflateParams;
  private final PerMessageDeflate deflate;
  private final FrameReader reader;

  private final List<byte[]> fragments = new ArrayList<>();
  private int fragOpcode = -1;
  private boolean fragCompressed;
  private long fragSize;

  private Function<Object, ? extends CompletionStage<?>> handler;
  private final ArrayDeque<Object> inbox = new ArrayDeque<>(1);
  private CompletableFuture<Object> waiting;
  private CompletableFuture<Void> inboxSpace;

  private BiConsumer<Integer, String> onClose;
  private Consumer<byte[]> onPong;
  private Consumer<byte[]> onPing;

  private boolean started;
  private boolean closeSent;
  private boolean closeReceived;
  private boolean closed;
  private boolean draining;
  private Integer closeCode;
  private String closeReason;
  private Timeout closeTimer;
  private Timeout pingTimer;
  private long lastFrameAt;

  private WebSocketConnection(BaseIOStream stream, Role role, WebSocketOptions options,
      String subprotocol, DeflateParams deflateParams) {
    this.stream = Objects.requireNonNull(stream, "stream");
    this.loop = stream.loop();
    this.role = Objects.requireNonNull(role, "role");
    this.options = Objects.requireNonNull(options, "options");
    this.subprotocol = subprotocol;
    this.deflateParams = deflateParams;
    int level = options.compression() == null ? -1 : options.compression().level();
    this.deflate = deflateParams == null ? null
        : new PerMessageDeflate(role == Role.SERVER, deflateParams, level);
    this.reader = new FrameReader(stream, role == Role.SERVER, deflate != null);
    this.lastFrameAt = loop.time();
    stream.setCloseCallback(this::onStreamClosed);
  }

  /**
   * A connection over {@code stream}, whose handshake is complete (the server wrote its 101, or
   * the client read it). Nothing is read before {@link #start()}. Loop thread.
   *
   * @param stream the upgraded stream; the connection owns it and its close callback from now on
   * @param role this end's role
   * @param options limits, pings, timeouts (its {@code compression} gives the level only)
   * @param subprotocol the negotiated subprotocol, or null
   * @param deflate the negotiated permessage-deflate parameters, or null for none
   */
  public static WebSocketConnection create(BaseIOStream stream, Role role,
      WebSocketOptions options, String subprotocol, DeflateParams deflate) {
    return new WebSocketConnection(stream, role, options, subprotocol, deflate);
  }

  /** Starts reading frames and the ping timer. Idempotent. */
  public void start() {
    if (started || closed) {
      return;
    }
    started = true;
    if (options.pingInterval() != null) {
      pingTimer = loop.callLater(options.pingInterval(), this::periodicPing);
    }
    readNext();
  }

  // ---- public API ----

  /** This end's role. */
  public Role role() {
    return role;
  }

  /** The negotiated subprotocol, or null. */
  public String subprotocol() {
    return subprotocol;
  }

  /** The negotiated permessage-deflate parameters, or null. */
  public DeflateParams deflateParams() {
    return deflateParams;
  }

  /** The stream underneath. */
  public BaseIOStream stream() {
    return stream;
  }

  /** The code of the peer's close frame, or null (none received, or it had no code). */
  public Integer closeCode() {
    return closeCode;
  }

  /** The reason of the peer's close frame, or null. */
  public String closeReason() {
    return closeReason;
  }

  /** True once the stream is closed. */
  public boolean isClosed() {
    return closed;
  }

  /** Sends a text message. Fails with {@link WebSocketClosedException} once closing. */
  public CompletableFuture<Void> writeMessage(String message) {
    return writeData(Frame.TEXT, FrameCodec.utf8(message));
  }

  /** Sends a binary message (copied). Fails with {@link WebSocketClosedException} once closing. */
  public CompletableFuture<Void> writeMessage(byte[] message) {
    return writeData(Frame.BINARY, message);
  }

  /**
   * Sends a ping (at most 125 bytes). The peer's pong goes to {@link #onPong}.
   *
   * @throws IllegalArgumentException for a longer payload
   */
  public CompletableFuture<Void> ping(byte[] data) {
    if (data.length > 125) {
      throw new IllegalArgumentException("a ping payload is at most 125 bytes");
    }
    if (closeSent || closed) {
      return CompletableFuture.failedFuture(new WebSocketClosedException("WebSocket closed"));
    }
    return writeFrame(Frame.PING, false, data);
  }

  /**
   * The next message: a String (text) or byte[] (binary); null once the connection is closed and
   * no message is left. One call may be pending at a time.
   *
   * @throws IllegalStateException if a read is pending or a handler was set with {@link
   *     #onMessage}
   */
  public CompletableFuture<Object> readMessage() {
    if (waiting != null || handler != null) {
      throw new IllegalStateException("a read is pending or a message handler is set");
    }
    if (!inbox.isEmpty()) {
      Object m = inbox.poll();
      releaseInbox();
      return CompletableFuture.completedFuture(m);
    }
    if (closed) {
      return CompletableFuture.completedFuture(null);
    }
    waiting = new CompletableFuture<>();
    return waiting;
  }

  /**
   * Delivers every message to {@code handler} from now on (a message already held for {@link
   * #readMessage} first). The handler returns null to go on reading at once, or a stage that
   * holds further reading until it completes. A handler that throws closes the connection with
   * 1011.
   */
  public void onMessage(Function<Object, ? extends CompletionStage<?>> handler) {
    this.handler = Objects.requireNonNull(handler, "handler");
    if (!inbox.isEmpty()) {
      Object m = inbox.poll();
      CompletableFuture<Void> space = inboxSpace;
      inboxSpace = null;
      CompletionStage<?> held = callHandler(m);
      if (space != null) {
        if (held == null) {
          space.complete(null);
        } else {
          held.whenComplete((v, t) -> space.complete(null));
        }
      }
    }
  }

  /** Runs once the stream has closed, with the peer's close code and reason (each maybe null). */
  public void onClose(BiConsumer<Integer, String> callback) {
    this.onClose = callback;
  }

  /** Runs with the payload of each pong received. */
  public void onPong(Consumer<byte[]> callback) {
    this.onPong = callback;
  }

  /** Runs with the payload of each ping received (after the automatic pong is queued). */
  public void onPing(Consumer<byte[]> callback) {
    this.onPing = callback;
  }

  /** {@link #close(Integer, String) close(null, null)}. */
  public void close() {
    close(null, null);
  }

  /**
   * Starts the closing handshake: sends a close frame (with {@code code} and {@code reason} if
   * given), then closes the stream when the peer's close frame arrives, or after {@link
   * WebSocketOptions#closeTimeout}. Idempotent; the stream's close runs {@link #onClose}.
   *
   * @throws IllegalArgumentException for a code that may not be sent, a reason without a code,
   *     or a reason over 123 UTF-8 bytes
   */
  public void close(Integer code, String reason) {
    byte[] payload = FrameCodec.closePayload(code, reason);
    if (closed) {
      return;
    }
    if (!closeSent) {
      closeSent = true;
      writeFrame(Frame.CLOSE, false, payload);
    }
    if (closeReceived) {
      stream.close();
    } else if (closeTimer == null) {
      closeTimer = loop.callLater(options.closeTimeout(), stream::close);
    }
  }

  // ---- writing ----

  private CompletableFuture<Void> writeData(int opcode, byte[] payload) {
    if (closeSent || closed) {
      return CompletableFuture.failedFuture(new WebSocketClosedException("WebSocket closed"));
    }
    boolean compress = deflate != null && deflate.compressesOutput();
    return writeFrame(opcode, compress, compress ? deflate.compress(payload) : payload);
  }

  private CompletableFuture<Void> writeFrame(int opcode, boolean rsv1, byte[] payload) {
    byte[] mask = null;
    if (role == Role.CLIENT) {
      mask = new byte[4];
      RANDOM.nextBytes(mask);
    }
    CompletableFuture<Void> result = new CompletableFuture<>();
    stream.write(FrameCodec.encode(opcode, rsv1, payload, mask)).whenComplete((v, t) -> {
      if (t == null) {
        result.complete(null);
      } else {
        result.completeExceptionally(new WebSocketClosedException("WebSocket closed", unwrap(t)));
      }
    });
    return result;
  }

  // ---- reading ----

  private void readNext() {
    if (closed || closeReceived) {
      return;
    }
    long budget = options.maxMessageSize() - (fragOpcode >= 0 ? fragSize : 0);
    reader.read(budget).whenComplete((frame, t) -> {
      if (t != null) {
        onReadError(unwrap(t));
        return;
      }
      lastFrameAt = loop.time();
      try {
        if (frame.control()) {
          onControl(frame);
        } else {
          onData(frame);
        }
      } catch (ProtocolException e) {
        fail(e);
      }
    });
  }

  private void onData(Frame frame) throws ProtocolException {
    if (frame.opcode() == Frame.CONTINUATION) {
      if (fragOpcode < 0) {
        throw new ProtocolException(CloseCodes.PROTOCOL_ERROR, "continuation without a message");
      }
      if (frame.rsv1()) {
        throw new ProtocolException(CloseCodes.PROTOCOL_ERROR, "RSV1 on a continuation frame");
      }
    } else if (fragOpcode >= 0) {
      throw new ProtocolException(CloseCodes.PROTOCOL_ERROR, "new message inside a fragmented one");
    } else {
      fragOpcode = frame.opcode();
      fragCompressed = frame.rsv1();
    }
    if (frame.payload() == null) {
      tooBig();
      reader.skip(frame.length()).whenComplete((v, t) -> {
        if (t != null) {
          onReadError(unwrap(t));
        } else {
          readNext();
        }
      });
      return;
    }
    if (draining) {
      resetFragments(frame.fin());
      readNext();
      return;
    }
    fragments.add(frame.payload());
    fragSize += frame.payload().length;
    if (!frame.fin()) {
      readNext();
      return;
    }
    byte[] data = join();
    int opcode = fragOpcode;
    boolean compressed = fragCompressed;
    resetFragments(true);
    if (compressed) {
      try {
        data = deflate.decompress(data, options.maxMessageSize());
      } catch (ProtocolException e) {
        if (e.code == CloseCodes.MESSAGE_TOO_BIG) {
          tooBig();
          readNext();
          return;
        }
        throw e;
      }
    }
    Object message = opcode == Frame.TEXT ? FrameCodec.utf8(data) : data;
    CompletionStage<?> held = deliver(message);
    if (held == null) {
      readNext();
    } else {
      held.whenComplete((v, t) -> {
        if (loop.inLoopThread()) {
          readNext();
        } else {
          loop.addCallback(this::readNext);
        }
      });
    }
  }

  private void onControl(Frame frame) throws ProtocolException {
    byte[] p = frame.payload();
    switch (frame.opcode()) {
      case Frame.CLOSE -> {
        Integer code = FrameCodec.closeCode(p);
        String reason = FrameCodec.closeReason(p);
        closeReceived = true;
        closeCode = code;
        closeReason = reason;
        if (!closeSent) {
          closeSent = true;
          byte[] echo = code == null ? new byte[0] : FrameCodec.closePayload(code, null);
          writeFrame(Frame.CLOSE, false, echo).whenComplete((v, t) -> stream.close());
        } else {
          stream.close();
        }
        return;
      }
      case Frame.PING -> {
        if (!closeSent) {
          writeFrame(Frame.PONG, false, p);
        }
        if (onPing != null) {
          onPing.accept(p);
        }
      }
      default -> {
        if (onPong != null) {
          onPong.accept(p);
        }
      }
    }
    readNext();
  }

  /** 1009 like Tornado: a normal close; later data frames are skipped until the peer's close. */
  private void tooBig() {
    draining = true;
    resetFragments(true);
    if (!closeSent) {
      close(CloseCodes.MESSAGE_TOO_BIG, "message too big");
    }
  }

  private void resetFragments(boolean fin) {
    if (fin) {
      fragOpcode = -1;
      fragCompressed = false;
    }
    fragments.clear();
    fragSize = 0;
  }

  /** The fragments joined once: linear in the message's size. */
  private byte[] join() {
    if (fragments.size() == 1) {
      return fragments.get(0);
    }
    byte[] all = new byte[(int) fragSize];
    int at = 0;
    for (byte[] f : fragments) {
      System.arraycopy(f, 0, all, at, f.length);
      at += f.length;
    }
    return all;
  }

  /** Hands a message on; a stage to wait for before reading on, or null. */
  private CompletionStage<?> deliver(Object message) {
    if (handler != null) {
      return callHandler(message);
    }
    if (waiting != null) {
      CompletableFuture<Object> w = waiting;
      waiting = null;
      w.complete(message);
      return null;
    }
    inbox.add(message);
    inboxSpace = new CompletableFuture<>();
    return inboxSpace;
  }

  private CompletionStage<?> callHandler(Object message) {
    try {
      CompletionStage<?> held = handler.apply(message);
      if (held == null || held.toCompletableFuture().isDone()) {
        return null;
      }
      return held;
    } catch (RuntimeException e) {
      log.error("WebSocket message handler failed; closing", e);
      if (!closeSent) {
        close(CloseCodes.INTERNAL_ERROR, null);
      }
      return null;
    }
  }

  private void releaseInbox() {
    if (inbox.isEmpty() && inboxSpace != null) {
      CompletableFuture<Void> s = inboxSpace;
      inboxSpace = null;
      s.complete(null);
    }
  }

  /** Fails the connection: a close frame with the violation's code, then the stream closes. */
  private void fail(ProtocolException e) {
    log.debug("WebSocket protocol violation by the peer: {} ({})", e.getMessage(), e.code);
    if (closed) {
      return;
    }
    if (closeSent) {
      stream.close();
      return;
    }
    closeSent = true;
    writeFrame(Frame.CLOSE, false, FrameCodec.closePayload(e.code, null))
        .whenComplete((v, t) -> stream.close());
  }

  private void onReadError(Throwable t) {
    if (t instanceof ProtocolException pe) {
      fail(pe);
    } else if (!closed && !stream.closed()) {
      log.debug("WebSocket read failed: {}", t.toString());
      stream.close(t instanceof Exception ? t : new RuntimeException(t));
    }
  }

  // ---- pings and closing ----

  private void periodicPing() {
    if (closed) {
      return;
    }
    long sentAt = loop.time();
    if (!closeSent) {
      writeFrame(Frame.PING, false, new byte[0]);
    }
    loop.callLater(options.effectivePingTimeout(), () -> {
      if (!closed && lastFrameAt - sentAt < 0) {
        log.debug("WebSocket ping timed out; closing");
        stream.close();
      }
    });
    pingTimer = loop.callLater(options.pingInterval(), this::periodicPing);
  }

  private void onStreamClosed() {
    if (closed) {
      return;
    }
    closed = true;
    if (closeTimer != null) {
      closeTimer.cancel();
    }
    if (pingTimer != null) {
      pingTimer.cancel();
    }
    if (deflate != null) {
      deflate.end();
    }
    fragments.clear();
    if (waiting != null) {
      CompletableFuture<Object> w = waiting;
      waiting = null;
      w.complete(null);
    }
    if (inboxSpace != null) {
      inboxSpace.complete(null);
    }
    if (onClose != null) {
      try {
        onClose.accept(closeCode, closeReason);
      } catch (RuntimeException e) {
        log.error("WebSocket close callback failed", e);
      }
    }
  }

  private static Throwable unwrap(Throwable t) {
    while (t instanceof CompletionException && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  @Override
  public String toString() {
    return "WebSocketConnection[" + role + ", " + stream + (closed ? ", closed" : "") + "]";
  }
}
