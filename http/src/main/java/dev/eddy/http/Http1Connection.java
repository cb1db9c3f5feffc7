package dev.eddy.http;

import dev.eddy.loop.IOLoop;
import dev.eddy.loop.Timeout;
import dev.eddy.stream.IOStream;
import dev.eddy.stream.StreamClosedException;
import dev.eddy.stream.UnsatisfiableReadException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One HTTP/1.x connection, both sides: reads messages (requests on a server, responses on a
 * client) into an {@link HttpMessageDelegate}, and writes messages (responses, requests) framed
 * as RFC 9112 requires: Tornado's {@code HTTP1Connection}.
 *
 * <p><b>Reading.</b> The head is read with one bounded delimited read ({@code \r\n\r\n} within
 * {@link HttpParameters#maxHeaderBytes()}) and parsed by {@link HeadParser}; the body by its
 * framing, in pieces of at most {@link HttpParameters#chunkSize()}, each handed to the delegate,
 * whose returned stage holds further reading (back-pressure). Every peer error is an {@link
 * HttpInputException}, caught in one place: a server answers it once ({@code Connection: close},
 * the RFC's status) and closes in stages; a client fails the message. Nothing after a framing error
 * is parsed.
 *
 * <p><b>Writing.</b> {@link #writeHeaders} frames the body: {@code Content-Length} when given,
 * else chunked for an HTTP/1.1 peer, else until close; no body for HEAD, 1xx, 204 and 304. {@code
 * Date} and {@code Server} are added to responses. A name or value with CR, LF, NUL or another
 * control, a bad reason phrase, or both {@code Content-Length} and {@code Transfer-Encoding} are
 * an {@link IllegalArgumentException} before anything is written.
 *
 * <p>Threading: the stream's loop thread. Futures complete there.
 */
public final class Http1Connection {

  private static final Logger log = LoggerFactory.getLogger(Http1Connection.class);
  static final byte[] CRLF = {'\r', '\n'};
  static final byte[] CRLFCRLF = {'\r', '\n', '\r', '\n'};
  /**
   * The end of a head as a peer may send it: CRLF CRLF, or with bare LFs, which the parser then
   * refuses with 400 (RFC 9112 §2.2 lets a recipient accept a bare LF; Eddy does not). Looking for
   * both means a client that ends its lines with LF alone gets its 400 instead of a timeout.
   */
  private static final java.util.regex.Pattern END_OF_HEAD =
      java.util.regex.Pattern.compile("\r?\n\r?\n");
  /** The longest match of {@link #END_OF_HEAD}: a head that trickles in is searched once. */
  private static final int END_OF_HEAD_REACH = 4;
  private static final byte[] LAST_CHUNK = "0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
  private static final byte[] CONTINUE =
      "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
  /** How many empty lines before a request line are ignored (RFC 9112 §2.2 says at least one). */
  private static final int MAX_LEADING_EMPTY_LINES = 4;
  /**
   * A server reads the next request before its previous response has reached the kernel only
   * while at most this many bytes of output wait; past it, it waits for them to drain.
   */
  private static final long PIPELINE_OUTPUT_LIMIT = 64 * 1024;
  /** How long a connection closed after an error keeps reading what the peer still sends. */
  private static final Duration DRAIN = Duration.ofSeconds(1);

  final IOStream stream;
  final IOLoop loop;
  private final boolean client;
  private final HttpParameters params;
  private final String serverName;

  // The message being exchanged.
  private HttpVersion peerVersion = HttpVersion.HTTP_1_1;
  private String requestMethod;
  private boolean peerWantsClose;
  private boolean headersWritten;
  private boolean writeFinished;
  private boolean chunkedOutput;
  private boolean noBodyOutput;
  private long expectedLength = -1;
  private long writtenLength;
  private boolean closeAfterWrite;
  private CompletableFuture<Void> writeDone = new CompletableFuture<>();
  /** The current message's latest write, or null. */
  private CompletableFuture<Void> lastWrite;
  /** Set once {@link #closeInStages()} began: the drain's timer closes the stream. */
  private boolean closingInStages;
  /** A first body piece up to this size is copied into the head's array ({@link #writeHead}). */
  private static final int COPIED_BODY = 8 * 1024;
  /** The longest a body may arrive before its rate is judged ({@link #tooSlow}). */
  private static final long MAX_RATE_GRACE_NANOS = 5_000_000_000L;
  /** When the current body began, and how much of it came ({@link #tooSlow}). */
  private long bodyStart;
  private long bodyReceived;
  /** When the server began waiting for the current head ({@link #waitForHead}). */
  private long headWaitStart;
  /** A check found part of the current head buffered already. */
  private boolean headBytesSeen;
  /** The current head was answered 408 before it was complete. */
  private boolean headTimedOut;
  /** {@link #peerIp}, once asked. */
  private String peerIp;
  private int messagesRead;
  private Timeout timer;
  /** A server that closes every connection after one response. */
  private boolean noKeepAlive;
  /** The stream was handed over to another protocol (a WebSocket after 101). */
  private boolean detached;
  /** Run once when the stream closes; see {@link #addCloseListener}. */
  private final java.util.List<Runnable> closeListeners = new java.util.ArrayList<>();
  private boolean watchingClose;

  /**
   * @param client true for the client side (reads responses, writes requests)
   * @param serverName the {@code Server} header of responses, or null for none (server side)
   */
  public Http1Connection(IOStream stream, boolean client, HttpParameters params,
      String serverName) {
    this.stream = Objects.requireNonNull(stream, "stream");
    this.loop = stream.loop();
    this.client = client;
    this.params = Objects.requireNonNull(params, "params");
    this.serverName = serverName;
  }

  /**
   * Runs {@code listener} on the loop when the stream closes (the peer left, a timeout, an
   * error, or {@link #close()}). The connection owns the stream's close callback, so this is how
   * to learn of the close. Listeners run in the order added.
   *
   * <p>Watching for the close makes the stream read while it is idle (that is how a peer that
   * left is noticed), so from then on a client that half-closes after its request (shuts down its
   * output) is taken as gone, as in Tornado. Without listeners the server notices the end of the
   * stream only when it reads the next request.
   *
   * @return removes the listener again (once the request it watched for is finished)
   */
  public Runnable addCloseListener(Runnable listener) {
    Objects.requireNonNull(listener, "listener");
    if (stream.closed()) {
      loop.addCallback(listener);
      return () -> { };
    }
    if (!watchingClose) {
      watchingClose = true;
      stream.setCloseCallback(this::closed);
    }
    closeListeners.add(listener);
    return () -> closeListeners.remove(listener);
  }

  private void closed() {
    for (Runnable r : new java.util.ArrayList<>(closeListeners)) {
      try {
        r.run();
      } catch (RuntimeException e) {
        log.error("Error in a close listener of {}", this, e);
      }
    }
    closeListeners.clear();
  }

  /**
   * Hands the stream over to another protocol after a {@code 101 Switching Protocols} answer (a
   * WebSocket): the connection reads no further request and does not close the stream, which now
   * belongs to the new protocol. Server side; call after writing and finishing the 101.
   */
  public void detach() {
    detached = true;
    disarm();
    closeListeners.clear();
    stream.setCloseCallback(null); // the new protocol takes the stream's close callback
  }

  /** True once {@link #detach()} was called. */
  public boolean detached() {
    return detached;
  }

  /** Makes every response close the connection ({@code Connection: close}). */
  void noKeepAlive() {
    noKeepAlive = true;
  }

  /** The stream under the connection. */
  public IOStream stream() {
    return stream;
  }

  /** The parameters. */
  public HttpParameters params() {
    return params;
  }

  // ------------------------------------------------------------------------------------ reading

  /**
   * Reads one message into {@code delegate}. Completes when the message is read (and, on a
   * server, its response written) with whether the connection can carry another message; fails
   * when the stream closed or the peer broke the protocol (after a server answered it).
   *
   * @param requestMethod on a client, the method of the request this response answers
   */
  public CompletableFuture<Boolean> readMessage(HttpMessageDelegate delegate,
      String requestMethod) {
    if (client) {
      this.requestMethod = requestMethod;
    }
    CompletableFuture<Boolean> result = new CompletableFuture<>();
    if (client) {
      arm(params.headerTimeout());
    } else {
      // A new message: what the write state says is about it from now on (the previous answer
      // may still be on its way out), so an error in this head is answered after that one.
      resetWriteState();
      waitForHead();
    }
    readHead(0, (head, e) -> {
      if (e == null && headTimedOut) {
        e = new StreamClosedException(null); // answered 408 meanwhile: the head comes too late
      }
      if (e != null) {
        messageEnded(null, e, delegate, result);
        return;
      }
      disarm();
      CompletableFuture<Boolean> rest;
      try {
        rest = onHead(head, delegate);
      } catch (RuntimeException failure) {
        rest = CompletableFuture.failedFuture(failure);
      }
      rest.whenComplete((keepAlive, failure) -> messageEnded(keepAlive, failure, delegate, result));
    });
    return result;
  }

  /**
   * Reads a head, skipping a few empty lines before it (RFC 9112 §2.2), and hands it or the
   * failure to {@code then}: one stage instead of a chain of composed futures, since this runs
   * once per message.
   */
  private void readHead(int emptyLines, BiConsumer<byte[], Throwable> then) {
    CompletableFuture<byte[]> read =
        stream.readUntilRegexWithin(END_OF_HEAD, END_OF_HEAD_REACH, params.maxHeaderBytes());
    read.whenComplete((head, e) -> {
      if (e != null) {
        Throwable cause = unwrap(e);
        if (cause instanceof UnsatisfiableReadException) {
          tooLarge().whenComplete((v, tooLong) -> then.accept(null, unwrap(tooLong)));
        } else {
          then.accept(null, cause);
        }
        return;
      }
      int start = 0;
      while (start + 1 < head.length && head[start] == '\r' && head[start + 1] == '\n') {
        start += 2;
      }
      // Counted over every read, the last one included: empty lines come in pairs when they
      // end a read ("\r\n\r\n" is a delimiter), so a fifth could otherwise slip in before a head.
      int empty = emptyLines + start / 2;
      if (empty > MAX_LEADING_EMPTY_LINES) {
        then.accept(null, new HttpInputException(400, "more than " + MAX_LEADING_EMPTY_LINES
            + " empty lines before the request line"));
      } else if (start == 0) {
        then.accept(head, null);
      } else if (start + 2 < head.length) {
        byte[] rest = new byte[head.length - start];
        System.arraycopy(head, start, rest, 0, rest.length);
        then.accept(rest, null);
      } else {
        readHead(empty, then); // only empty lines so far
      }
    });
  }

  /** Ends {@link #readMessage}: the message was handled, or {@code e} stopped it. */
  private void messageEnded(Boolean keepAlive, Throwable e, HttpMessageDelegate delegate,
      CompletableFuture<Boolean> result) {
    disarm();
    if (e == null) {
      messagesRead++;
      result.complete(keepAlive);
      return;
    }
    Throwable cause = unwrap(e);
    if (cause instanceof HttpInputException && !client) {
      answerError((HttpInputException) cause);
    } else if (!(cause instanceof StreamClosedException)) {
      stream.close(cause);
    }
    if (cause instanceof StreamClosedException) {
      safely(delegate::onConnectionClose);
    }
    result.completeExceptionally(cause);
  }

  /** The head did not end within the limit: 414 if the start line alone is too long, else 431. */
  private CompletableFuture<byte[]> tooLarge() {
    return stream.readUntilWithin(CRLF, params.maxStartLineBytes() + 2).handle((line, e) -> {
      if (e != null) {
        throw new CompletionException(client
            ? new HttpInputException(0, "status line longer than " + params.maxStartLineBytes()
                + " bytes")
            : new HttpInputException(414, "request line longer than "
                + params.maxStartLineBytes() + " bytes"));
      }
      throw new CompletionException(new HttpInputException(client ? 0 : 431,
          "header section larger than " + params.maxHeaderBytes() + " bytes"));
    });
  }

  private CompletableFuture<Boolean> onHead(byte[] head, HttpMessageDelegate delegate) {
    Object startLine;
    HttpHeaders headers;
    Framing framing;
    boolean expectContinue = false;
    try {
      if (client) {
        ResponseHead r = HeadParser.parseResponse(head, head.length, params);
        startLine = r.startLine();
        headers = r.headers();
        peerVersion = r.startLine().version();
        framing = HeadParser.responseFraming(r, requestMethod);
        if (framing.kind() == Framing.Kind.LENGTH && framing.length() > params.maxBodySize()) {
          return CompletableFuture.failedFuture(new HttpInputException(0, "response body of "
              + framing.length() + " bytes is larger than " + params.maxBodySize()));
        }
        peerWantsClose = wantsClose(peerVersion, headers)
            || framing.kind() == Framing.Kind.UNTIL_CLOSE;
        if (r.startLine().code() >= 100 && r.startLine().code() < 200
            && r.startLine().code() != 101) {
          // An interim response (100 Continue): skip it and read the final one.
          CompletableFuture<Boolean> next = new CompletableFuture<>();
          readHead(0, (h, e) -> {
            if (e != null) {
              next.completeExceptionally(e);
            } else {
              onHead(h, delegate).whenComplete((keepAlive, failure) -> {
                if (failure != null) {
                  next.completeExceptionally(unwrap(failure));
                } else {
                  next.complete(keepAlive);
                }
              });
            }
          });
          return next;
        }
      } else {
        RequestHead r = HeadParser.parseRequest(head, head.length, params);
        startLine = r.startLine();
        headers = r.headers();
        peerVersion = r.startLine().version();
        requestMethod = r.startLine().method();
        framing = r.framing();
        expectContinue = r.expectContinue();
        peerWantsClose = wantsClose(peerVersion, headers); // (write state: reset by readMessage)
      }
    } catch (HttpInputException e) {
      return CompletableFuture.failedFuture(e);
    }
    boolean continueExpected = expectContinue;
    HttpMessageDelegate target = !client && params.decompress()
        && framing.kind() != Framing.Kind.NONE && GzipMessageDelegate.applies(headers)
        ? new GzipMessageDelegate(delegate, params.maxBodySize(), params.chunkSize()) : delegate;
    return stage(() -> target.headersReceived(startLine, headers)).thenCompose(v -> {
      if (!client && writeFinished) {
        // The delegate answered before the body was read (a final status instead of 100):
        // the body is not read, so the connection cannot carry another request.
        closeAfterWrite = true;
        return CompletableFuture.completedFuture(null);
      }
      if (continueExpected && !headersWritten) {
        stream.write(CONTINUE);
      }
      return readBody(framing, target);
    }).thenCompose(v -> {
      if (!client && !writeFinished || client) {
        try {
          target.finish();
        } catch (Exception e) {
          return CompletableFuture.failedFuture(e);
        }
      }
      if (client) {
        return CompletableFuture.completedFuture(!peerWantsClose);
      }
      if (writeFinished && !peerWantsClose && !closeAfterWrite && !detached
          && stream.writeBufferSize() <= PIPELINE_OUTPUT_LIMIT) {
        // The response is complete and queued: read the next request (pipelined ones are in
        // the buffer already) while it leaves, so their responses share a write. A write that
        // fails closes the stream, which ends the next read.
        return CompletableFuture.completedFuture(true);
      }
      // Otherwise a server goes on once the response is written (unless the stream was handed
      // over): a slow reader holds up the next request instead of piling up responses.
      CompletableFuture<Void> pending = writeDone;
      if (!writeFinished && !detached) {
        // The answer is still being made: if the stream closes first (the peer reset it, a
        // write failed), nobody will finish it, so the close ends the wait, and the message.
        Runnable unwatch = addCloseListener(() -> pending.completeExceptionally(
            new StreamClosedException(null)));
        pending.whenComplete((ignored, failure) -> unwatch.run());
      }
      return pending.thenApply(done -> !peerWantsClose && !closeAfterWrite && !detached);
    });
  }

  private static boolean wantsClose(HttpVersion version, HttpHeaders headers) {
    String connection = headers.get("Connection");
    if (version == HttpVersion.HTTP_1_1) {
      return connection != null && hasToken(connection, "close");
    }
    return connection == null || !hasToken(connection, "keep-alive");
  }

  /** True if the comma-separated list {@code value} has {@code token} (case-insensitive). */
  static boolean hasToken(String value, String token) {
    for (String part : value.split(",")) {
      if (part.trim().equalsIgnoreCase(token)) {
        return true;
      }
    }
    return false;
  }

  private CompletableFuture<Void> readBody(Framing framing, HttpMessageDelegate delegate) {
    bodyStart = loop.time();
    bodyReceived = 0;
    switch (framing.kind()) {
      case LENGTH:
        return readFixed(framing.length(), delegate);
      case CHUNKED:
        return readChunks(0, delegate);
      case UNTIL_CLOSE:
        return readUntilClose(0, delegate);
      default:
        return CompletableFuture.completedFuture(null);
    }
  }

  private CompletableFuture<Void> readFixed(long remaining, HttpMessageDelegate delegate) {
    if (remaining == 0) {
      return CompletableFuture.completedFuture(null);
    }
    arm(params.bodyTimeout());
    int n = (int) Math.min(remaining, params.chunkSize());
    return stream.readBytes(n, true).thenCompose(piece -> {
      disarm();
      HttpInputException slow = tooSlow(piece.length);
      if (slow != null) {
        return CompletableFuture.failedFuture(slow);
      }
      return stage(() -> delegate.dataReceived(piece))
          .thenCompose(v -> readFixed(remaining - piece.length, delegate));
    });
  }

  /**
   * Counts {@code length} more body bytes and, on a server with a {@code minBodyRate}, says
   * whether the body has been arriving slower than that: measured over the whole body once it
   * has taken longer than the grace ({@code bodyTimeout}, at most 5 s). A body that stops is
   * {@code bodyTimeout}'s; this catches one that trickles (Kestrel's minimum data rate).
   */
  private HttpInputException tooSlow(int length) {
    bodyReceived += length;
    int minRate = params.minBodyRate();
    if (client || minRate == 0) {
      return null;
    }
    long elapsed = loop.time() - bodyStart;
    Duration timeout = params.bodyTimeout();
    long grace = timeout == null || timeout.toNanos() > MAX_RATE_GRACE_NANOS
        ? MAX_RATE_GRACE_NANOS : timeout.toNanos();
    if (elapsed <= grace || bodyReceived * 1e9 / elapsed >= minRate) {
      return null;
    }
    return new HttpInputException(408, "request body slower than " + minRate + " bytes/s ("
        + bodyReceived + " bytes in " + elapsed / 1_000_000 + " ms)");
  }

  private CompletableFuture<Void> readUntilClose(long total, HttpMessageDelegate delegate) {
    arm(params.bodyTimeout());
    return stream.readBytes(params.chunkSize(), true).handle((piece, e) -> {
      disarm();
      if (e != null) {
        Throwable cause = unwrap(e);
        if (cause instanceof StreamClosedException && ((StreamClosedException) cause)
            .realError() == null) {
          return CompletableFuture.<Void>completedFuture(null); // the end of the body
        }
        return CompletableFuture.<Void>failedFuture(cause);
      }
      long now = total + piece.length;
      if (now > params.maxBodySize()) {
        return CompletableFuture.<Void>failedFuture(new HttpInputException(0,
            "response body larger than " + params.maxBodySize() + " bytes"));
      }
      return stage(() -> delegate.dataReceived(piece))
          .thenCompose(v -> readUntilClose(now, delegate));
    }).thenCompose(f -> f);
  }

  private CompletableFuture<Void> readChunks(long total, HttpMessageDelegate delegate) {
    arm(params.bodyTimeout());
    return stream.readUntilWithin(CRLF, params.maxChunkLineBytes() + 2).handle((line, e) -> {
      disarm();
      if (e != null) {
        Throwable cause = unwrap(e);
        if (cause instanceof UnsatisfiableReadException) {
          return CompletableFuture.<Void>failedFuture(new HttpInputException(clientStatus(400),
              "chunk size line longer than " + params.maxChunkLineBytes() + " bytes"));
        }
        return CompletableFuture.<Void>failedFuture(cause);
      }
      long size;
      try {
        size = ChunkLine.parseSize(line, line.length - 2, params.maxBodySize());
      } catch (HttpInputException bad) {
        return CompletableFuture.<Void>failedFuture(client
            ? new HttpInputException(0, bad.getMessage()) : bad);
      }
      if (size == 0) {
        return readTrailers();
      }
      if (total + size > params.maxBodySize()) {
        return CompletableFuture.<Void>failedFuture(new HttpInputException(clientStatus(413),
            "body larger than " + params.maxBodySize() + " bytes"));
      }
      return readFixed(size, delegate)
          .thenCompose(v -> stream.readBytes(2))
          .thenCompose(crlf -> {
            if (crlf[0] != '\r' || crlf[1] != '\n') {
              return CompletableFuture.failedFuture(new HttpInputException(clientStatus(400),
                  "chunk data not followed by CRLF"));
            }
            return readChunks(total + size, delegate);
          });
    }).thenCompose(f -> f);
  }

  /** After the last chunk: trailer fields, one line at a time, then an empty line. */
  private CompletableFuture<Void> readTrailers() {
    return readTrailerLines(new java.io.ByteArrayOutputStream());
  }

  private CompletableFuture<Void> readTrailerLines(java.io.ByteArrayOutputStream block) {
    int room = params.maxHeaderBytes() - block.size();
    if (room < 2) {
      return CompletableFuture.failedFuture(new HttpInputException(clientStatus(431),
          "trailer section larger than " + params.maxHeaderBytes() + " bytes"));
    }
    return stream.readUntilWithin(CRLF, room).handle((line, e) -> {
      if (e != null) {
        Throwable cause = unwrap(e);
        if (cause instanceof UnsatisfiableReadException) {
          return CompletableFuture.<Void>failedFuture(new HttpInputException(clientStatus(431),
              "trailer section larger than " + params.maxHeaderBytes() + " bytes"));
        }
        return CompletableFuture.<Void>failedFuture(cause);
      }
      block.write(line, 0, line.length);
      if (line.length > 2) {
        return readTrailerLines(block);
      }
      if (block.size() > 2) {
        byte[] all = block.toByteArray();
        try {
          Trailers.parse(all, all.length, params);
        } catch (HttpInputException bad) {
          return CompletableFuture.<Void>failedFuture(client
              ? new HttpInputException(0, bad.getMessage()) : bad);
        }
      }
      return CompletableFuture.<Void>completedFuture(null);
    }).thenCompose(f -> f);
  }

  private int clientStatus(int status) {
    return client ? 0 : status;
  }

  // ------------------------------------------------------------------------------------ writing

  private void resetWriteState() {
    headersWritten = false;
    writeFinished = false;
    chunkedOutput = false;
    noBodyOutput = false;
    expectedLength = -1;
    writtenLength = 0;
    closeAfterWrite = false;
    lastWrite = null;
    writeDone = new CompletableFuture<>();
  }

  /**
   * Writes a response head (server) and, if given, the first piece of the body, in one gathering
   * write.
   *
   * @throws IllegalArgumentException for a header or reason phrase HTTP cannot carry, or both
   *     {@code Content-Length} and {@code Transfer-Encoding}
   * @throws IllegalStateException if the head was written already
   */
  public CompletableFuture<Void> writeResponseHead(ResponseStartLine line, HttpHeaders headers,
      byte[] firstChunk) {
    return writeResponseHeadOwned(line, headers.copy(), firstChunk);
  }

  /** {@link #writeResponseHead} with headers of its own, which it completes and writes. */
  CompletableFuture<Void> writeResponseHeadOwned(ResponseStartLine line, HttpHeaders h,
      byte[] firstChunk) {
    if (client) {
      throw new IllegalStateException("a client connection writes requests");
    }
    Grammar.checkReason(line.reason());
    checkNotWritten();
    int code = line.code();
    noBodyOutput = "HEAD".equals(requestMethod) || code < 200 || code == 204 || code == 304;
    String connectionHeader = h.get("Connection");
    boolean keepAlive = !peerWantsClose && !noKeepAlive
        && (connectionHeader == null || !hasToken(connectionHeader, "close"));
    setFraming(h, keepAlive && peerVersion == HttpVersion.HTTP_1_1, code == 304);
    if (closeAfterWrite) {
      keepAlive = false;
    }
    if (!keepAlive) {
      closeAfterWrite = true;
      if (!h.contains("Connection")) {
        h.set("Connection", "close");
      }
    } else if (peerVersion == HttpVersion.HTTP_1_0 && !h.contains("Connection")) {
      h.set("Connection", "keep-alive");
    }
    if (!h.contains("Date")) {
      h.set("Date", HttpDate.now());
    }
    if (serverName != null && !h.contains("Server")) {
      h.set("Server", serverName);
    }
    HeadBytes head = HeadBytes.start()
        .append(peerVersion == HttpVersion.HTTP_1_0 ? "HTTP/1.0" : "HTTP/1.1").append(' ')
        .append(code).append(' ').append(line.reason()).crlf();
    return writeHead(head, h, firstChunk);
  }

  /**
   * Writes a request head (client) and, if given, the first piece of the body.
   *
   * @throws IllegalArgumentException as for {@link #writeResponseHead}, and for a method that is
   *     not a token or a target with spaces or controls
   */
  public CompletableFuture<Void> writeRequestHead(RequestStartLine line, HttpHeaders headers,
      byte[] firstChunk) {
    if (!client) {
      throw new IllegalStateException("a server connection writes responses");
    }
    if (!Grammar.isToken(line.method())) {
      throw new IllegalArgumentException("not a method token: " + line.method());
    }
    checkTarget(line.target());
    // Client keep-alive (AsyncHttpClient's pool): the next request on the connection may start
    // once the previous one was finished; only an unfinished message's head is "written already".
    if (headersWritten && !writeFinished) {
      checkNotWritten();
    }
    resetWriteState();
    requestMethod = line.method();
    HttpHeaders h = headers.copy();
    noBodyOutput = false;
    // Chunked automatically only for the methods that carry a body (POST, PUT, PATCH), as
    // Tornado's client does; any other request without Content-Length or Transfer-Encoding has
    // no body, so a GET is not sent with "Transfer-Encoding: chunked" and an empty last chunk.
    setFraming(h, hasRequestBody(line.method()), false);
    if (expectedLength < 0 && !chunkedOutput) {
      noBodyOutput = true; // a request without a length and without chunking has no body
    }
    HeadBytes head = HeadBytes.start()
        .append(line.method()).append(' ').append(line.target()).append(' ')
        .append(line.version().text()).crlf();
    return writeHead(head, h, firstChunk);
  }

  /** The methods whose requests are chunked when they give no length (Tornado's rule). */
  private static boolean hasRequestBody(String method) {
    return method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
  }

  private static void checkTarget(String target) {
    if (target.isEmpty()) {
      throw new IllegalArgumentException("empty request target");
    }
    for (int i = 0; i < target.length(); i++) {
      char c = target.charAt(i);
      if (c <= ' ' || c >= 0x7f) {
        throw new IllegalArgumentException("request target with a space or control character: "
            + target);
      }
    }
  }

  private void checkNotWritten() {
    if (headersWritten) {
      throw new IllegalStateException("the head of this message was written already");
    }
  }

  /**
   * Decides the body framing from the headers: Content-Length, else chunked where the peer speaks
   * HTTP/1.1 (and the message has a body), else until close.
   */
  private void setFraming(HttpHeaders h, boolean chunkingAllowed, boolean keepLengthForNoBody) {
    String cl = h.get("Content-Length");
    String te = h.get("Transfer-Encoding");
    if (cl != null && te != null) {
      throw new IllegalArgumentException("a message cannot have both Content-Length and "
          + "Transfer-Encoding");
    }
    if (cl != null) {
      long n = Grammar.parseDecimal(cl);
      if (n < 0) {
        throw new IllegalArgumentException("Content-Length is not a number: " + cl);
      }
      expectedLength = noBodyOutput ? 0 : n;
      return;
    }
    if (noBodyOutput) {
      if (te != null) {
        h.remove("Transfer-Encoding");
      }
      return;
    }
    if (te != null) {
      if (!te.trim().equalsIgnoreCase("chunked")) {
        throw new IllegalArgumentException("Transfer-Encoding other than chunked: " + te);
      }
      chunkedOutput = true;
      return;
    }
    if (chunkingAllowed) {
      h.set("Transfer-Encoding", "chunked");
      chunkedOutput = true;
    } else if (!client) {
      closeAfterWrite = true; // the body ends when the connection closes
    }
  }

  private CompletableFuture<Void> writeHead(HeadBytes head, HttpHeaders h, byte[] first) {
    for (HttpHeaders.Field f : h) {
      Grammar.checkFieldName(f.name());
      Grammar.checkFieldValue(f.value());
      head.append(f.name()).append(':').append(' ').append(f.value()).crlf();
    }
    head.crlf();
    headersWritten = true;
    if (first == null || first.length == 0 || noBodyOutput) {
      return sent(stream.write(head.toArray()));
    }
    if (!chunkedOutput && first.length <= COPIED_BODY) {
      // A small body is copied behind the head: one array and one write for the whole answer.
      count(first);
      return sent(stream.write(head.toArray(first)));
    }
    ByteBuffer[] body = frame(first);
    ByteBuffer[] all = new ByteBuffer[body.length + 1];
    all[0] = ByteBuffer.wrap(head.toArray());
    System.arraycopy(body, 0, all, 1, body.length);
    return sent(stream.write(all)); // the head and the body in one gathering write
  }

  /** Remembers the message's latest write: {@link #finish} completes with it. */
  private CompletableFuture<Void> sent(CompletableFuture<Void> write) {
    lastWrite = write;
    return write;
  }

  /**
   * Writes a piece of the body (chunked if the framing says so).
   *
   * @throws IllegalStateException before the head, after {@link #finish()}, or past the
   *     Content-Length
   */
  public CompletableFuture<Void> write(byte[] chunk) {
    if (!headersWritten || writeFinished) {
      throw new IllegalStateException(writeFinished ? "the message was finished already"
          : "write the head first");
    }
    if (chunk.length == 0) {
      return sent(stream.write(chunk));
    }
    if (noBodyOutput) {
      if ("HEAD".equals(requestMethod) && !client) {
        return sent(stream.write(ByteBuffer.allocate(0))); // a HEAD answer's body is not sent
      }
      throw new IllegalStateException("this message has no body (1xx, 204 or 304)");
    }
    return sent(stream.write(frame(chunk)));
  }

  /** A non-empty piece of the body as it goes on the wire: framed when chunked. */
  private ByteBuffer[] frame(byte[] chunk) {
    count(chunk);
    if (chunkedOutput) {
      return new ByteBuffer[] {
        ByteBuffer.wrap((Long.toHexString(chunk.length) + "\r\n")
            .getBytes(StandardCharsets.US_ASCII)),
        ByteBuffer.wrap(chunk), ByteBuffer.wrap(CRLF.clone())
      };
    }
    return new ByteBuffer[] {ByteBuffer.wrap(chunk)};
  }

  /** Counts a piece of the body against the Content-Length. */
  private void count(byte[] chunk) {
    writtenLength += chunk.length;
    if (expectedLength >= 0 && writtenLength > expectedLength) {
      writtenLength -= chunk.length;
      throw new IllegalStateException("more body than the Content-Length of " + expectedLength);
    }
  }

  /**
   * Ends the message. A Content-Length not met is an error: the connection is closed, since the
   * peer cannot tell where the message ends. Completes when everything is written.
   */
  public CompletableFuture<Void> finish() {
    if (!headersWritten) {
      throw new IllegalStateException("write the head first");
    }
    if (writeFinished) {
      return writeDone;
    }
    writeFinished = true;
    CompletableFuture<Void> last;
    if (chunkedOutput) {
      last = stream.write(LAST_CHUNK.clone());
    } else if (lastWrite != null) {
      last = lastWrite; // the stream completes writes in order: this one is the message's end
    } else {
      last = stream.write(ByteBuffer.allocate(0));
    }
    if (expectedLength >= 0 && writtenLength < expectedLength && !noBodyOutput) {
      log.warn("Message finished after {} of its {} Content-Length bytes; closing {}",
          writtenLength, expectedLength, stream);
      closeAfterWrite = true;
    }
    CompletableFuture<Void> done = writeDone;
    last.whenComplete((v, e) -> {
      if (e != null) {
        done.completeExceptionally(e);
        return;
      }
      if (!client && closeAfterWrite) {
        closeInStages();
      }
      done.complete(null);
    });
    return done;
  }

  /** True once the head of the current message was written. */
  public boolean headersStarted() {
    return headersWritten;
  }

  /** The peer's IP address as text, worked out once per connection (not once per request). */
  String peerIp(java.net.SocketAddress peer) {
    if (peerIp == null) {
      peerIp = HttpServerRequest.ipOf(peer);
    }
    return peerIp;
  }

  /** True once {@link #finish()} was called for the current message. */
  public boolean finished() {
    return writeFinished;
  }

  // ------------------------------------------------------------------------------------- errors

  /** Answers a peer error once, then closes in stages. Server side. */
  private void answerError(HttpInputException e) {
    log.info("Malformed HTTP message from {}: {} ({})", stream.remoteAddress(), e.getMessage(),
        e.status());
    if (headersWritten || stream.closed()) {
      stream.close(e);
      return;
    }
    int status = e.status() == 0 ? 400 : e.status();
    byte[] body = (e.getMessage() + "\n").getBytes(StandardCharsets.UTF_8);
    String head = "HTTP/1.1 " + status + " " + Reasons.of(status) + "\r\n"
        + "Connection: close\r\n"
        + "Content-Type: text/plain; charset=utf-8\r\n"
        + "Content-Length: " + body.length + "\r\n"
        + "Date: " + HttpDate.now() + "\r\n"
        + (serverName != null ? "Server: " + serverName + "\r\n" : "")
        + "\r\n";
    headersWritten = true;
    writeFinished = true;
    stream.write(head.getBytes(StandardCharsets.ISO_8859_1));
    stream.write(body);
    closeInStages(); // behind the answer: it waits for what is queued
  }

  /**
   * Shuts the output down, reads and drops what the peer still sends for a moment (so that the
   * kernel does not answer it with a reset that could destroy the response in flight; RFC 9112
   * §9.6), then closes: at the peer's end of stream, or after {@link #DRAIN}. Server side, once
   * the last response is written: after an error answer, and by {@link HttpServer} when the
   * connection is not kept alive. Idempotent.
   */
  void closeInStages() {
    if (stream.closed() || closingInStages) {
      return;
    }
    closingInStages = true;
    // The output is shut only behind everything still queued (an empty write completes once
    // what was written before it reached the kernel): a pipelined answer queued after the one
    // that ends the connection must not meet a shut socket.
    // A peer that stops reading must not hold the connection forever: the queue gets the idle
    // timeout to drain.
    Duration idle = params.idleTimeout();
    Timeout stuck = idle == null ? null : loop.callLater(idle, stream::close);
    stream.write(ByteBuffer.allocate(0)).whenComplete((v, e) -> {
      if (stuck != null) {
        loop.removeTimeout(stuck);
      }
      if (e != null || stream.closed()) {
        stream.close();
        return;
      }
      try {
        stream.socket().shutdownOutput();
      } catch (IOException failed) {
        stream.close();
        return;
      }
      Timeout t = loop.callLater(DRAIN, stream::close);
      drain(t);
    });
  }

  private void drain(Timeout t) {
    if (stream.reading()) {
      return; // the unfinished head's read drains (up to the head limit) until the timer closes
    }
    stream.readBytes(64 * 1024, true).whenComplete((b, e) -> {
      if (e != null) {
        loop.removeTimeout(t);
        stream.close();
      } else {
        drain(t);
      }
    });
  }

  /** Closes the connection. */
  public void close() {
    disarm();
    stream.close();
  }

  /**
   * A server's wait for the next head (see {@link HttpParameters}): the first head must arrive
   * within {@code headerTimeout} of the connection opening; a later one may wait up to {@code
   * idleTimeout} for its first byte, then must be complete within {@code headerTimeout} of it —
   * checked every {@code headerTimeout}, so a head that keeps trickling in is answered 408 at most
   * twice that after its first byte. A connection that sent nothing is closed without an answer.
   */
  private void waitForHead() {
    headWaitStart = loop.time();
    headBytesSeen = false;
    headTimedOut = false;
    Duration header = params.headerTimeout();
    Duration idle = params.idleTimeout();
    // The first head has headerTimeout (or, without one, idleTimeout) from the connection; a
    // later one is checked every headerTimeout, or at idleTimeout if that comes first.
    armHeadCheck(messagesRead == 0 && header != null ? header : earlier(header, idle));
  }

  private void armHeadCheck(Duration d) {
    disarm();
    if (d != null) {
      timer = loop.callLater(d, this::checkHead);
    }
  }

  /** A tick of {@link #waitForHead}. */
  private void checkHead() {
    timer = null;
    Duration header = params.headerTimeout();
    Duration idle = params.idleTimeout();
    boolean started = stream.readBufferSize() > 0;
    if (started && (messagesRead == 0 || headBytesSeen || header == null)) {
      Duration limit = header != null ? header : idle;
      headTimedOut = true;
      log.debug("Request head from {} not complete within {} ms; answering 408",
          stream.remoteAddress(), limit.toMillis());
      answerError(new HttpInputException(408, "request head not complete within "
          + limit.toMillis() + " ms"));
      return;
    }
    if (started) {
      headBytesSeen = true; // the head began: it has one more headerTimeout to be complete
      armHeadCheck(header);
      return;
    }
    long waited = loop.time() - headWaitStart;
    if (messagesRead == 0 || idle == null && header == null
        || idle != null && waited >= idle.toNanos()) {
      log.debug("No request on {} for {} ms; closing it", stream, waited / 1_000_000);
      stream.close(new java.util.concurrent.TimeoutException("no request for "
          + waited / 1_000_000 + " ms"));
      return;
    }
    armHeadCheck(earlier(header, idle == null ? null : Duration.ofNanos(idle.toNanos() - waited)));
  }

  /** The shorter of two timeouts, null meaning none. */
  private static Duration earlier(Duration a, Duration b) {
    return a == null ? b : b == null || a.compareTo(b) <= 0 ? a : b;
  }

  private void arm(Duration d) {
    disarm();
    if (d != null) {
      timer = loop.callLater(d, () -> {
        timer = null;
        log.debug("Timeout on {}; closing it", stream);
        stream.close(new java.util.concurrent.TimeoutException("no data for " + d.toMillis()
            + " ms"));
      });
    }
  }

  private void disarm() {
    if (timer != null) {
      loop.removeTimeout(timer);
      timer = null;
    }
  }

  private static CompletableFuture<Void> stage(Callable0 call) {
    CompletionStage<?> s;
    try {
      s = call.call();
    } catch (Exception e) {
      return CompletableFuture.failedFuture(e);
    }
    if (s == null) {
      return CompletableFuture.completedFuture(null);
    }
    return s.toCompletableFuture().thenApply(v -> null);
  }

  @FunctionalInterface
  private interface Callable0 {
    CompletionStage<?> call() throws Exception;
  }

  private static void safely(Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      log.error("Error in onConnectionClose", e);
    }
  }

  static Throwable unwrap(Throwable e) {
    while (e instanceof CompletionException && e.getCause() != null) {
      e = e.getCause();
    }
    return e;
  }

  @Override
  public String toString() {
    return "Http1Connection[" + (client ? "client " : "server ") + stream + "]";
  }
}
