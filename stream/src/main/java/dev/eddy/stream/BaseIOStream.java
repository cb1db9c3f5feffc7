package dev.eddy.stream;

import dev.eddy.loop.IOHandler;
import dev.eddy.loop.IOLoop;
import dev.eddy.loop.ResourceTracker;
import dev.eddy.loop.Trampoline;
import dev.eddy.loop.spi.PollHandle;
import dev.eddy.loop.spi.StreamHandle;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A buffered, non-blocking byte stream on an {@link IOLoop}, with the semantics of Tornado's
 * {@code BaseIOStream}: reads that complete when a number of bytes, a delimiter, a pattern or the
 * end of the stream has arrived, writes whose futures complete when the bytes have reached the
 * kernel, and one close path that settles everything still pending.
 *
 * <p><b>Reads.</b> One read at a time: starting a second before the first completes is an {@link
 * IllegalStateException}. A read is satisfied from buffered data first; otherwise the stream
 * reads from the socket, at most {@link StreamOptions#readChunkSize()} per call, through a direct
 * buffer shared by all streams of the loop's thread (nothing is allocated per read but the result).
 * The stream reads from the socket only while a read is pending (or, when idle with a close
 * callback, to notice the peer closing), so a peer that sends faster than the application reads
 * is held back by TCP flow control, and no more than {@code maxBufferSize} is ever buffered; a
 * read that needs more fails and closes the stream with {@link StreamBufferFullException}.
 *
 * <p><b>Writes.</b> {@link #write(ByteBuffer)} hands the buffer over (it must not be changed until
 * the returned future completes; no copy is made), tries to write at once, and queues what the
 * kernel does not take; WRITE interest is held only while data is queued. Over {@code
 * maxWriteBufferSize} the write fails with {@link StreamBufferFullException} and the stream stays
 * open.
 *
 * <p><b>Close.</b> When the stream closes, by {@link #close()}, the peer's end of stream or an
 * error: a pending read that the buffered data satisfies completes with it ({@link
 * #readUntilClose()} with everything buffered); every other pending read, write and connect fails
 * with {@link StreamClosedException} carrying the error; the close callback then runs in a later
 * loop iteration, after the completed read's dependents. Operations after close fail with {@link
 * StreamClosedException} at once, except reads that buffered data can still satisfy.
 *
 * <p><b>Threading.</b> A stream belongs to its loop: every method is called on the loop's thread,
 * and every future completes there. Completions requested while another is being delivered are
 * queued ({@link Trampoline}), so a chain of reads served from the buffer runs at constant stack
 * depth.
 */
public abstract class BaseIOStream {

  private static final Logger log = LoggerFactory.getLogger(BaseIOStream.class);

  private static final int NONE = 0;
  private static final int BYTES = 1;
  private static final int UNTIL = 2;
  private static final int REGEX = 3;
  private static final int INTO = 4;
  private static final int UNTIL_CLOSE = 5;

  final IOLoop loop;
  final StreamHandle handle;
  final StreamOptions options;
  private final ReadBuffer readBuffer = new ReadBuffer();
  private final WriteQueue writeQueue = new WriteQueue();
  private final IOHandler handler = this::handleEvents;

  private int readKind = NONE;
  private int readCount;
  private boolean readPartial;
  private byte[] readDelimiter;
  private Pattern readRegex;
  /** The longest match of {@link #readRegex}, or 0 when unknown. */
  private int readRegexReach;
  private int readMaxBytes = -1;
  /** A delimited read past its limit fails alone instead of closing the stream. */
  private boolean readKeepsOpen;
  private ByteBuffer readTarget;
  private CompletableFuture<Object> readFuture;

  /** The interest registered with the loop, or -1 while not registered. */
  private int state = -1;
  /** True while a connect is in progress: writes are queued, events go to the connect first. */
  boolean connecting;
  private boolean closing;
  /** A flush of the write queue is waiting for the loop to fall idle ({@link IOLoop#addFlush}). */
  private boolean flushScheduled;
  private final Runnable flushTask = this::flushNow;
  /**
   * READ is registered though the stream does not want it: kept on to spare two interest
   * changes per batch of pipelined requests ({@link #onEvents}).
   */
  private boolean lazyRead;
  private boolean closed;
  /** Depth of public calls (reads, writes, close) in progress: their completions are deferred. */
  private int userCalls;
  private Throwable error;
  private Runnable closeCallback;

  BaseIOStream(IOLoop loop, StreamHandle handle, StreamOptions options) {
    this.loop = Objects.requireNonNull(loop, "loop");
    this.handle = Objects.requireNonNull(handle, "handle");
    this.options = Objects.requireNonNull(options, "options");
    if (ResourceTracker.enabled()) {
      ResourceTracker.track("stream", this, () -> !closed && !loop.isClosed());
    }
  }

  /** The loop this stream belongs to. */
  public final IOLoop loop() {
    return loop;
  }

  // ------------------------------------------------------------------------------------- reads

  /** {@link #readBytes(int, boolean) readBytes(n, false)}. */
  public final CompletableFuture<byte[]> readBytes(int n) {
    return readBytes(n, false);
  }

  /**
   * Reads {@code n} bytes; with {@code partial}, completes as soon as at least one byte (and at
   * most {@code n}) is there.
   *
   * @throws IllegalArgumentException if {@code n} is negative
   * @throws IllegalStateException if another read is pending
   */
  public final CompletableFuture<byte[]> readBytes(int n, boolean partial) {
    if (n < 0) {
      throw new IllegalArgumentException("cannot read a negative number of bytes: " + n);
    }
    CompletableFuture<byte[]> f = startRead();
    readKind = BYTES;
    readCount = n;
    readPartial = partial;
    return inlineRead(f);
  }

  /** {@link #readUntil(byte[], int)} without a limit (but {@code maxBufferSize}). */
  public final CompletableFuture<byte[]> readUntil(byte[] delimiter) {
    return readUntil(delimiter, -1);
  }

  /**
   * Reads up to and including {@code delimiter}. If it is not found within {@code maxBytes}
   * (counting the delimiter), the stream is closed with an {@link UnsatisfiableReadException} (the
   * future fails with a {@link StreamClosedException} carrying it), even if the delimiter arrived
   * just past the limit.
   *
   * @param maxBytes the limit, or -1 for none
   * @throws IllegalArgumentException for an empty delimiter or a limit below -1
   * @throws IllegalStateException if another read is pending
   */
  public final CompletableFuture<byte[]> readUntil(byte[] delimiter, int maxBytes) {
    if (delimiter.length == 0) {
      throw new IllegalArgumentException("the delimiter is empty");
    }
    checkMaxBytes(maxBytes);
    CompletableFuture<byte[]> f = startRead();
    readKind = UNTIL;
    readDelimiter = delimiter.clone();
    readMaxBytes = maxBytes;
    return inlineRead(f);
  }

  /**
   * As {@link #readUntil(byte[], int)}, except that a delimiter not found within {@code maxBytes}
   * fails only the read, with {@link UnsatisfiableReadException}, and leaves the stream open with
   * the bytes still buffered: for a protocol that must answer the error itself (an HTTP server
   * sending 431 before it closes). A later read sees the same bytes.
   *
   * @param maxBytes the limit, at least 1
   * @throws IllegalArgumentException for an empty delimiter or a limit below 1
   * @throws IllegalStateException if another read is pending
   */
  public final CompletableFuture<byte[]> readUntilWithin(byte[] delimiter, int maxBytes) {
    if (delimiter.length == 0) {
      throw new IllegalArgumentException("the delimiter is empty");
    }
    if (maxBytes < 1) {
      throw new IllegalArgumentException("maxBytes must be at least 1, got " + maxBytes);
    }
    CompletableFuture<byte[]> f = startRead();
    readKind = UNTIL;
    readDelimiter = delimiter.clone();
    readMaxBytes = maxBytes;
    readKeepsOpen = true;
    return inlineRead(f);
  }

  /**
   * As {@link #readUntilRegex(Pattern, int)}, except that no match within {@code maxBytes} fails
   * only the read, with {@link UnsatisfiableReadException}, and leaves the stream open with the
   * bytes buffered, as {@link #readUntilWithin} does for a delimiter.
   *
   * @param maxBytes the limit, at least 1
   * @throws IllegalStateException if another read is pending
   */
  public final CompletableFuture<byte[]> readUntilRegexWithin(Pattern pattern, int maxBytes) {
    return readUntilRegexWithin(pattern, 0, maxBytes);
  }

  /**
   * As {@link #readUntilRegexWithin(Pattern, int)}, for a pattern none of whose matches is longer
   * than {@code maxMatchLength} bytes and which does not look behind where it starts ({@code
   * "\r?\n\r?\n"}: 4). A search that found nothing then resumes {@code maxMatchLength - 1}
   * bytes before the end of what it saw, so data that arrives in many small pieces is searched
   * once; with an unknown bound a search must start again where the last one started (Tornado
   * searches the whole buffer each time), which costs the buffer's size for every piece.
   *
   * @param maxMatchLength the longest match, at least 1; 0 for unknown
   * @param maxBytes the limit, at least 1
   * @throws IllegalStateException if another read is pending
   */
  public final CompletableFuture<byte[]> readUntilRegexWithin(Pattern pattern,
      int maxMatchLength, int maxBytes) {
    Objects.requireNonNull(pattern, "pattern");
    if (maxBytes < 1) {
      throw new IllegalArgumentException("maxBytes must be at least 1, got " + maxBytes);
    }
    if (maxMatchLength < 0) {
      throw new IllegalArgumentException("maxMatchLength must be 0 (unknown) or more, got "
          + maxMatchLength);
    }
    CompletableFuture<byte[]> f = startRead();
    readKind = REGEX;
    readRegex = pattern;
    readRegexReach = maxMatchLength;
    readMaxBytes = maxBytes;
    readKeepsOpen = true;
    return inlineRead(f);
  }

  /**
   * Reads up to and including the first match of {@code pattern}, which sees each byte as one
   * char (ISO-8859-1). Limits as for {@link #readUntil(byte[], int)}.
   *
   * @param maxBytes the limit, or -1 for none
   * @throws IllegalStateException if another read is pending
   */
  public final CompletableFuture<byte[]> readUntilRegex(Pattern pattern, int maxBytes) {
    Objects.requireNonNull(pattern, "pattern");
    checkMaxBytes(maxBytes);
    CompletableFuture<byte[]> f = startRead();
    readKind = REGEX;
    readRegex = pattern;
    readRegexReach = 0;
    readMaxBytes = maxBytes;
    return inlineRead(f);
  }

  /**
   * Reads into {@code buffer} until it is full (or, with {@code partial}, until at least one byte
   * came); completes with the number of bytes read. The buffer belongs to the stream until then.
   *
   * @throws IllegalStateException if another read is pending
   */
  public final CompletableFuture<Integer> readInto(ByteBuffer buffer, boolean partial) {
    Objects.requireNonNull(buffer, "buffer");
    CompletableFuture<Integer> f = startRead();
    readKind = INTO;
    readTarget = buffer;
    readCount = buffer.remaining();
    readPartial = partial;
    return inlineRead(f);
  }

  /**
   * Reads everything until the peer closes the stream (at most {@code maxBufferSize}). On a
   * closed stream, completes at once with what is buffered.
   *
   * @throws IllegalStateException if another read is pending
   */
  public final CompletableFuture<byte[]> readUntilClose() {
    CompletableFuture<byte[]> f = startRead();
    readKind = UNTIL_CLOSE;
    if (closed) {
      userCalls++;
      try {
        finishRead(readBuffer.size());
      } finally {
        userCalls--;
      }
      return f;
    }
    return inlineRead(f);
  }

  /** True while a read is pending. */
  public final boolean reading() {
    return readFuture != null || readingBeyondCalls();
  }

  private static void checkMaxBytes(int maxBytes) {
    if (maxBytes < -1) {
      throw new IllegalArgumentException("maxBytes must be -1 (no limit) or more, got " + maxBytes);
    }
  }

  @SuppressWarnings("unchecked")
  private <T> CompletableFuture<T> startRead() {
    if (readFuture != null) {
      throw new IllegalStateException("Already reading: one read at a time on " + this);
    }
    CompletableFuture<T> f = new CompletableFuture<>();
    readFuture = (CompletableFuture<Object>) f;
    readBuffer.resetScan();
    return f;
  }

  /** Tries to satisfy the new read from the buffer and the socket; else waits for READ. */
  private <T> CompletableFuture<T> inlineRead(CompletableFuture<T> f) {
    userCalls++;
    try {
      int pos = findReadPos();
      if (pos >= 0) {
        readFromBuffer(pos);
        return f;
      }
      if (closed) {
        failRead();
        return f;
      }
      pos = readToBufferLoop();
      if (pos >= 0) {
        readFromBuffer(pos);
        return f;
      }
      if (!closed) {
        addIoState(IOLoop.READ);
      }
    } catch (UnsatisfiableReadException e) {
      unsatisfiable(e);
    } finally {
      userCalls--;
    }
    return f;
  }

  /**
   * How many buffered bytes the pending read takes, or -1 if the buffer cannot satisfy it yet.
   *
   * @throws UnsatisfiableReadException if a delimited read is past its limit
   */
  private int findReadPos() throws UnsatisfiableReadException {
    int size = readBuffer.size();
    switch (readKind) {
      case BYTES:
      case INTO:
        if (size >= readCount || (readPartial && size > 0)) {
          return Math.min(readCount, size);
        }
        return -1;
      case UNTIL:
        if (size > 0) {
          int loc = readBuffer.indexAfter(readDelimiter);
          if (loc >= 0) {
            checkLimit(loc);
            return loc;
          }
          checkLimit(size);
        }
        return -1;
      case REGEX:
        if (size > 0) {
          int loc = readBuffer.indexAfter(readRegex, readRegexReach);
          if (loc >= 0) {
            checkLimit(loc);
            return loc;
          }
          checkLimit(size);
        }
        return -1;
      default:
        return -1;
    }
  }

  private void checkLimit(int size) throws UnsatisfiableReadException {
    if (readMaxBytes >= 0 && size > readMaxBytes) {
      String what = readKind == UNTIL ? "delimiter " + Printable.bytes(readDelimiter)
          : "pattern " + readRegex.pattern();
      throw new UnsatisfiableReadException(what + " not found within " + readMaxBytes
          + " bytes");
    }
  }

  /**
   * Reads from the socket until the pending read can be satisfied, the socket has nothing more,
   * or the stream closed. Looks for delimiters on the first read and whenever the buffer doubled,
   * as Tornado does, and once at the end.
   */
  private int readToBufferLoop() throws UnsatisfiableReadException {
    long target;
    if (readKind == BYTES || readKind == INTO) {
      target = readCount;
    } else if (readMaxBytes >= 0) {
      target = readMaxBytes;
    } else if (reading()) {
      target = -1; // until the delimiter, or the end of the stream
    } else {
      target = 0; // not reading: one read, to notice the peer closing
    }
    long nextFind = 0;
    while (!closed) {
      if (readToBuffer() == 0) {
        break;
      }
      if (target >= 0 && readBuffer.size() >= target) {
        break;
      }
      if (readBuffer.size() >= nextFind) {
        int pos = findReadPos();
        if (pos >= 0) {
          return pos;
        }
        nextFind = 2L * readBuffer.size();
      }
    }
    return findReadPos();
  }

  /**
   * One read from the socket into the buffer: the bytes read, or 0 if there were none (would
   * block, end of stream, or an error: the last two close the stream).
   */
  private int readToBuffer() {
    int chunk = options.effectiveChunk();
    ByteBuffer b = ReadChunks.forThisThread(chunk);
    int n;
    try {
      n = readFromFd(b);
    } catch (IOException e) {
      if (!ConnectionErrors.isReset(e)) {
        log.warn("Read error on {}: {}", this, e.toString());
      }
      doClose(e);
      return 0;
    }
    if (n <= 0) {
      if (n < 0) {
        doClose(null);
      }
      return 0;
    }
    b.flip();
    readBuffer.append(b);
    if (readBuffer.size() > options.maxBufferSize()) {
      log.error("Reached maximum read buffer size on {}", this);
      doClose(new StreamBufferFullException("Reached maximum read buffer size"));
      return 0;
    }
    return n;
  }

  private void readFromBuffer(int pos) {
    finishRead(pos);
  }

  /** Hands {@code size} buffered bytes to the pending read and completes it. */
  private void finishRead(int size) {
    Object result;
    if (readKind == INTO) {
      result = readBuffer.takeInto(readTarget, size);
    } else {
      result = readBuffer.take(size);
    }
    CompletableFuture<Object> f = readFuture;
    clearRead();
    if (f != null) {
      deliver(() -> f.complete(result));
    }
    maybeAddErrorListener();
  }

  private void failRead() {
    CompletableFuture<Object> f = readFuture;
    clearRead();
    if (f != null) {
      StreamClosedException e = new StreamClosedException(error);
      deliver(() -> f.completeExceptionally(e));
    }
  }

  private void clearRead() {
    readFuture = null;
    readKind = NONE;
    readDelimiter = null;
    readRegex = null;
    readTarget = null;
    readMaxBytes = -1;
    readPartial = false;
    readKeepsOpen = false;
  }

  // ------------------------------------------------------------------------------------ writes

  /** {@link #write(ByteBuffer)} of the whole array, which the stream then owns until written. */
  public final CompletableFuture<Void> write(byte[] data) {
    return write(ByteBuffer.wrap(data));
  }

  /**
   * Writes {@code data} (position to limit). The buffer is handed over: it must not change until
   * the future completes, which happens once its bytes (and everything written before) reached
   * the kernel. An empty buffer gives a future that completes when everything before it is
   * written. Before a connect completes, data is queued. On the loop's thread the data is handed
   * to the kernel when the loop is about to wait ({@link IOLoop#addFlush}), together with what
   * else was written meanwhile; elsewhere (before the loop runs), by this call.
   *
   * @return fails with {@link StreamClosedException} on a closed stream, and with {@link
   *     StreamBufferFullException} (the stream staying open) over {@code maxWriteBufferSize}
   */
  public final CompletableFuture<Void> write(ByteBuffer data) {
    Objects.requireNonNull(data, "data");
    if (closed) {
      return CompletableFuture.failedFuture(new StreamClosedException(error));
    }
    if (data.hasRemaining()
        && writeQueue.pending() + data.remaining() > options.maxWriteBufferSize()) {
      return CompletableFuture.failedFuture(
          new StreamBufferFullException("Reached maximum write buffer size"));
    }
    CompletableFuture<Void> f = new CompletableFuture<>();
    writeQueue.add(data, f);
    if (!connecting) {
      scheduleFlush();
    }
    return f;
  }

  /**
   * On the loop's thread, hands the queue to the kernel when the loop is about to wait, so that
   * what several handlers write in a row (pipelined responses) leaves in one call; elsewhere
   * (before the loop runs), at once.
   */
  private void scheduleFlush() {
    if (state > 0 && (state & IOLoop.WRITE) != 0 && !writingBeyondCalls()) {
      return; // the socket is full: its WRITE event writes everything queued (no EAGAIN call)
    }
    if (!loop.inLoopThread()) {
      flushNow();
    } else if (!flushScheduled) {
      flushScheduled = true;
      loop.addFlush(flushTask);
    }
  }

  /** Writes what is queued now (a user call: completions are delivered in a later iteration). */
  private void flushNow() {
    flushScheduled = false;
    if (closed || connecting) {
      return;
    }
    userCalls++;
    try {
      handleWrite();
      if (!writeQueue.isEmpty()) {
        addIoState(IOLoop.WRITE);
      }
      maybeAddErrorListener();
    } finally {
      userCalls--;
    }
  }

  /**
   * Writes several buffers as one: all are queued, then written with one gathering call, so a
   * head and a body (or a chunk's size line, data and CRLF) leave in one segment where the kernel
   * allows. The buffers are handed over, as for {@link #write(ByteBuffer)}; the future completes
   * once all of them reached the kernel. Failures as for {@link #write(ByteBuffer)}.
   */
  public final CompletableFuture<Void> write(ByteBuffer... data) {
    if (closed) {
      return CompletableFuture.failedFuture(new StreamClosedException(error));
    }
    long total = 0;
    for (ByteBuffer b : data) {
      total += b.remaining();
    }
    if (total > 0 && writeQueue.pending() + total > options.maxWriteBufferSize()) {
      return CompletableFuture.failedFuture(
          new StreamBufferFullException("Reached maximum write buffer size"));
    }
    CompletableFuture<Void> f = new CompletableFuture<>();
    for (int i = 0; i < data.length; i++) {
      writeQueue.add(data[i], i == data.length - 1 ? f : null);
    }
    if (!connecting) {
      scheduleFlush();
    }
    return f;
  }

  /** Bytes read from the socket and not yet taken by a read. Loop thread. */
  public final int readBufferSize() {
    return readBuffer.size();
  }

  /**
   * Bytes written to this stream and not yet handed to the kernel: what waits for the socket to
   * drain, and what the loop will flush when it next falls idle. Loop thread.
   */
  public final long writeBufferSize() {
    return writeQueue.pending();
  }

  /** True while written data is queued. */
  public final boolean writing() {
    return !writeQueue.isEmpty() || writingBeyondCalls();
  }

  /** Writes what the kernel takes, then completes the futures of what is all written. */
  void handleWrite() {
    flushQueue();
  }

  /** The body of {@link #handleWrite()}, for subclasses that do more first (a TLS handshake). */
  final void flushQueue() {
    while (!writeQueue.isEmpty()) {
      int n = writeQueue.gather();
      long written;
      try {
        written = writeToFd(writeQueue.gathered(), 0, n);
      } catch (IOException e) {
        writeQueue.advance(0);
        if (!ConnectionErrors.isReset(e)) {
          log.warn("Write error on {}: {}", this, e.toString());
        }
        doClose(e);
        return;
      }
      writeQueue.advance(written);
      if (written == 0) {
        break;
      }
    }
    CompletableFuture<Void> done;
    while ((done = writeQueue.pollDone()) != null) {
      CompletableFuture<Void> f = done;
      deliver(() -> f.complete(null));
    }
  }

  // ----------------------------------------------------------------------------------- closing

  /**
   * Runs {@code callback} on the loop once the stream is closed (in a later iteration, after the
   * dependents of a read the close completed); on a stream closed already, in the next iteration.
   * Replaces an earlier one; null removes it.
   */
  public final void setCloseCallback(Runnable callback) {
    if (closed && callback != null) {
      loop.addCallback(callback); // Tornado would never call it; a late listener still learns
      return;
    }
    closeCallback = callback;
    maybeAddErrorListener();
  }

  /** Closes the stream normally. Idempotent. */
  public final void close() {
    close(null);
  }

  /**
   * Closes the stream, recording {@code cause} as its {@link #error()} if not null. Idempotent:
   * a second call changes nothing. See the class comment for what happens to pending operations.
   */
  public final void close(Throwable cause) {
    userCalls++;
    try {
      doClose(cause);
    } finally {
      userCalls--;
    }
  }

  /** {@link #close(Throwable)} from inside the stream: completions are not deferred. */
  final void doClose(Throwable cause) {
    if (flushScheduled && !closed && !closing && cause == null) {
      flushNow(); // what was written before close() goes out as if written at once
    }
    if (!closed && !closing) {
      closing = true;
      if (cause != null) {
        error = cause;
      }
      if (readKind == UNTIL_CLOSE) {
        finishRead(readBuffer.size());
      } else if (readFuture != null) {
        try {
          int pos = findReadPos();
          if (pos >= 0) {
            readFromBuffer(pos);
          }
        } catch (UnsatisfiableReadException e) {
          // fails with the close below
        }
      }
      if (state >= 0) {
        state = -1;
        unwatch();
      }
      closeFd();
      closed = true;
    }
    signalClosed();
  }

  private void signalClosed() {
    failRead();
    CompletableFuture<Void> w;
    while ((w = writeQueue.pollAny()) != null) {
      CompletableFuture<Void> f = w;
      StreamClosedException e = new StreamClosedException(error);
      deliver(() -> f.completeExceptionally(e));
    }
    writeQueue.clearBuffers();
    failConnect(new StreamClosedException(error));
    Runnable cb = closeCallback;
    if (cb != null) {
      closeCallback = null;
      loop.addCallback(cb);
    }
  }

  /** True once the stream is closed. */
  public final boolean closed() {
    return closed;
  }

  /** What closed the stream, or null if it was closed normally or is open. */
  public final Throwable error() {
    return error;
  }

  // ------------------------------------------------------------------------------------ events

  private void handleEvents(PollHandle h, int events) {
    onEvents(events);
  }

  /**
   * Handles ready events: the loop's handler, and the entry for streams whose readiness does not
   * come from the poller (a bridge). Loop thread.
   */
  final void onEvents(int events) {
    if (closed) {
      return;
    }
    try {
      if (connecting) {
        handleConnect();
      }
      if (closed) {
        return;
      }
      // READ kept on only to spare a change (lazyRead, below) fired: the stream would not have
      // been listening, so the data stays in the kernel and READ goes now.
      boolean unread = (events & IOLoop.READ) != 0 && lazyRead && !reading();
      if ((events & IOLoop.READ) != 0 && !unread) {
        handleRead();
      }
      if (closed) {
        return;
      }
      if ((events & IOLoop.WRITE) != 0) {
        handleWrite();
      }
      if (closed) {
        return;
      }
      if ((events & IOLoop.ERROR) != 0) {
        // A hang-up or an error. What the peer sent before it may still be in the kernel, and a
        // stream that was not reading has not taken it: take it now (within the buffer limit),
        // as asyncio treats a hang-up as readable, so that reads it satisfies still complete.
        int chunk = options.effectiveChunk();
        while (!closed && readBuffer.size() + chunk <= options.maxBufferSize()
            && readToBuffer() > 0) {
          // until would-block, end of stream (which closes), or an error (which closes)
        }
        // Close in a later iteration, so that what the reads and writes above completed is
        // delivered first; a read the buffered data satisfies completes then.
        if (!closed) {
          loop.addCallback(() -> doClose(error));
        }
        return;
      }
      int wanted = 0;
      if (reading()) {
        wanted |= IOLoop.READ;
      }
      if (writing() && !flushScheduled) { // a scheduled flush writes before asking the poller
        wanted |= IOLoop.WRITE;
      }
      if (wanted == 0 && readBuffer.size() == 0) {
        wanted = IOLoop.READ; // idle: listen, to notice the peer closing
      }
      // Data buffered but nobody reading yet (the next pipelined request is about to be read
      // from it): READ is not wanted, but stays registered until it fires unread or a read
      // wants it again, instead of two interest changes per batch of requests.
      lazyRead = (wanted & IOLoop.READ) == 0 && (state & IOLoop.READ) != 0 && !unread
          && readBuffer.size() > 0;
      if (lazyRead) {
        wanted |= IOLoop.READ;
      }
      if (wanted != state && state >= 0) {
        state = wanted;
        watch(false, wanted);
      }
    } catch (RuntimeException e) {
      log.error("Uncaught exception on {}, closing it", this, e);
      doClose(e);
    }
  }

  void handleRead() {
    try {
      int pos = readToBufferLoop();
      if (pos >= 0) {
        readFromBuffer(pos);
      }
    } catch (UnsatisfiableReadException e) {
      unsatisfiable(e);
    }
  }

  /** A delimited read past its limit: fails alone ({@link #readUntilWithin}) or closes. */
  private void unsatisfiable(UnsatisfiableReadException e) {
    if (readKeepsOpen) {
      CompletableFuture<Object> f = readFuture;
      clearRead();
      deliver(() -> f.completeExceptionally(e));
      return;
    }
    log.info("Unsatisfiable read, closing connection: {}", e.getMessage());
    doClose(e);
  }

  /** Adds {@code bits} to the registered interest, registering the handle the first time. */
  final void addIoState(int bits) {
    if (closed || closing) {
      return;
    }
    if ((bits & IOLoop.READ) != 0) {
      lazyRead = false; // wanted now, and registered already
    }
    if (state < 0) {
      state = bits;
      watch(true, bits);
    } else if ((state & bits) != bits) {
      state |= bits;
      watch(false, state);
    }
  }

  /**
   * An idle stream with a close callback listens for READ, so that it notices the peer closing;
   * not while data is buffered (the callback would wait for it anyway) and not otherwise, since a
   * read or write is about to register anyway.
   */
  private void maybeAddErrorListener() {
    int wanted = lazyRead ? state & ~IOLoop.READ : state;
    if (wanted <= 0 && !closed && !closing && readBuffer.size() == 0 && closeCallback != null) {
      addIoState(IOLoop.READ);
    }
  }

  /**
   * Completes a future: at once (through the {@link Trampoline}) when an event caused it, but in a
   * later loop iteration when a public call did. A dependent stage added to the future that call
   * returns then always runs later, never inside the caller's frame: a read loop written as
   * recursion ({@code readUntil(..).thenCompose(line -> next())}) over a buffer full of lines does
   * not grow the stack, as in Tornado, whose futures always call back from the loop.
   */
  final void deliver(Runnable completion) {
    if (userCalls > 0) {
      loop.addCallback(completion);
    } else {
      Trampoline.deliver(completion);
    }
  }

  // --------------------------------------------------------------------------- subclass hooks

  /**
   * Asks for {@code interest} (READ and/or WRITE, maybe 0) to be reported to {@link
   * #onEvents(int)}: the first time ({@code first}) registers the handle with the loop, then
   * updates it (no system call when unchanged). Overridden by streams whose readiness comes from
   * elsewhere.
   */
  void watch(boolean first, int interest) {
    if (first) {
      loop.addHandler(handle, interest, handler);
    } else {
      loop.updateHandler(handle, interest);
    }
  }

  /** Stops the reports of {@link #watch}; the stream is closing. */
  void unwatch() {
    if (!loop.isClosed()) {
      loop.removeHandler(handle);
    }
  }

  /** True while the stream must read though no read is pending (a TLS handshake). */
  boolean readingBeyondCalls() {
    return false;
  }

  /** True while the stream has output beyond the write queue (TLS records not yet sent). */
  boolean writingBeyondCalls() {
    return false;
  }

  /** Drops the registration without closing the handle: it moves to another stream (TLS). */
  final void detach() {
    if (state >= 0) {
      state = -1;
      unwatch();
    }
    closing = true;
    closed = true;
    closeCallback = null;
  }

  /** The interest registered, or -1 while not registered. */
  final int interestState() {
    return state;
  }

  /** Bytes buffered for reading. */
  final int bufferedReadBytes() {
    return readBuffer.size();
  }

  /** The stream's close callback (to hand over to a TLS stream), or null. */
  final Runnable closeCallback() {
    return closeCallback;
  }

  /** Reads into {@code dst}: bytes read, 0 if it would block, -1 at the end of the stream. */
  int readFromFd(ByteBuffer dst) throws IOException {
    return handle.read(dst);
  }

  /** Writes from the buffers: bytes written, 0 if it would block. */
  long writeToFd(ByteBuffer[] srcs, int offset, int length) throws IOException {
    return handle.write(srcs, offset, length);
  }

  /** A connect in progress got an event: finish it (socket streams). */
  void handleConnect() {
    connecting = false;
  }

  /** Fails a pending connect (socket streams). */
  void failConnect(StreamClosedException e) {}

  /** Closes the handle; errors are logged, the descriptor is released anyway. */
  void closeFd() {
    try {
      handle.close();
    } catch (IOException e) {
      log.debug("Error closing {}", handle, e);
    }
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + handle + (closed ? ", closed" : "") + "]";
  }
}
