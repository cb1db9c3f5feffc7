package dev.eddy.stream;

import dev.eddy.loop.IOLoop;
import dev.eddy.loop.spi.ConnectOptions;
import dev.eddy.loop.spi.SocketHandle;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link IOStream} that speaks TLS through the JDK's {@link SSLEngine}: Tornado's {@code
 * SSLIOStream}. Make one around an accepted socket with {@link #SslIOStream(IOLoop, SocketHandle,
 * TlsOptions, StreamOptions)} (server side), connect one with {@link #connect(IOLoop,
 * SocketAddress, TlsOptions, ConnectOptions, StreamOptions)} (client side), or turn a plain stream
 * into one with {@link IOStream#startTls(TlsOptions, boolean)}.
 *
 * <p><b>Handshake.</b> It starts as soon as the stream exists (a client's once its TCP connect
 * completes) and is driven by the loop's READ and WRITE events; the engine's delegated tasks run
 * on the loop's thread. {@link #waitForHandshake()} completes when it is done. Reads and writes
 * may be issued before: reads wait, writes are queued, and their futures complete once their
 * encrypted bytes reached the kernel. A failed handshake is logged (naming the peer) and closes
 * the stream with the {@link SSLException} as its {@link #error()}: every pending future, {@link
 * #waitForHandshake()}'s included, fails with a {@link StreamClosedException} carrying it. The
 * peer closing the connection before the handshake is done is an {@link SSLHandshakeException}
 * ("Remote host terminated the handshake") too, not logged above debug.
 *
 * <p><b>Data.</b> Records are decrypted into the read path as the stream reads; messages after
 * the handshake (TLS 1.3 session tickets and key updates, TLS 1.2 renegotiation) are handled on
 * the way. The peer's {@code close_notify}, or its end of the stream without one, is the end of
 * the stream. {@link #close()} sends a {@code close_notify} if the socket takes it at once (one
 * non-blocking attempt), then closes the socket.
 *
 * <p><b>Buffers.</b> Each stream keeps three heap buffers sized from the engine's session (packet
 * and application sizes: about 16 KiB each): encrypted bytes read and not yet decrypted,
 * decrypted bytes that did not fit the read chunk, and encrypted bytes not yet written. They are
 * reused; nothing is allocated per read or write beyond what the engine itself does. Decryption
 * goes straight into the stream's read chunk when it has room for a whole record.
 *
 * <p>Threading: the loop's thread only, like every stream.
 */
public final class SslIOStream extends IOStream {

  private static final Logger log = LoggerFactory.getLogger(SslIOStream.class);
  private static final ByteBuffer EMPTY = ByteBuffer.allocate(0).asReadOnlyBuffer();

  private final SSLEngine engine;
  private final boolean client;
  private final CompletableFuture<SslIOStream> handshake = new CompletableFuture<>();

  /** Encrypted bytes read and not yet unwrapped (read mode: position to limit). */
  private ByteBuffer netIn;
  /** Decrypted bytes not yet handed to the read path (read mode). */
  private ByteBuffer appIn;
  /** Encrypted bytes made and not yet written (read mode). */
  private ByteBuffer netOut;
  /** The room an unwrap needs in its destination (the session's application buffer size). */
  private int appRoom;

  private boolean started;
  private boolean handshakeDone;
  /** A handshake (the first, or a later one) waits for the peer's bytes. */
  private boolean handshakeWantsRead;
  /** The peer's close_notify was read. */
  private boolean inboundDone;
  /** Plain bytes the engine took whose encrypted form is still in {@link #netOut}. */
  private long owed;
  /** The interest registered with the loop (it differs from the base's during a handshake). */
  private int registered = -1;

  /**
   * The server side of a TLS connection over an accepted socket: the handshake starts when the
   * client's first bytes arrive.
   *
   * @param tls the server's options ({@link TlsOptions#server(javax.net.ssl.SSLContext)})
   * @throws IllegalArgumentException if the options name a protocol or suite the context lacks
   */
  public SslIOStream(IOLoop loop, SocketHandle socket, TlsOptions tls, StreamOptions options) {
    this(loop, socket, options, newEngine(tls, true, null), false);
  }

  private SslIOStream(IOLoop loop, SocketHandle socket, StreamOptions options, SSLEngine engine,
      boolean connecting) {
    super(loop, socket, options);
    this.engine = engine;
    this.client = engine.getUseClientMode();
    SSLSession s = engine.getSession();
    int packet = s.getPacketBufferSize();
    appRoom = s.getApplicationBufferSize();
    netIn = ByteBuffer.allocate(packet).flip();
    netOut = ByteBuffer.allocate(packet).flip();
    appIn = ByteBuffer.allocate(appRoom).flip();
    if (connecting) {
      this.connecting = true;
      addIoState(IOLoop.WRITE);
    } else {
      // The client speaks first: its side starts when the socket is writable, a server's when
      // the client's hello arrives.
      addIoState(client ? IOLoop.WRITE : IOLoop.READ);
    }
  }

  /**
   * Connects to {@code address} (already resolved) and completes with the stream once the TLS
   * handshake is done. A failed connect or handshake fails the future with a {@link
   * StreamClosedException} whose cause is the error (the {@link SSLException}, such as an {@link
   * SSLHandshakeException} for a certificate that is not trusted or does not match {@link
   * TlsOptions#serverHostname()}).
   *
   * @throws IllegalArgumentException if {@code tls} verifies host names but has none, names a
   *     protocol or suite the context lacks, or the backend cannot connect to the address
   */
  public static CompletableFuture<SslIOStream> connect(IOLoop loop, SocketAddress address,
      TlsOptions tls, ConnectOptions connectOptions, StreamOptions options) {
    SslIOStream stream;
    try {
      stream = startConnect(loop, address, tls, connectOptions, options);
    } catch (IOException e) {
      return CompletableFuture.failedFuture(new StreamClosedException(e));
    }
    return stream.waitForHandshake();
  }

  /**
   * Starts connecting to {@code address} and returns the stream at once; writes made before the
   * handshake is done are queued and sent after it. {@link #waitForHandshake()} completes when it
   * is.
   *
   * @throws IOException if no socket can be made
   * @throws IllegalArgumentException as {@link #connect}
   */
  public static SslIOStream startConnect(IOLoop loop, SocketAddress address, TlsOptions tls,
      ConnectOptions connectOptions, StreamOptions options) throws IOException {
    Objects.requireNonNull(options, "options");
    SSLEngine engine = newEngine(tls, false, address); // before the socket: nothing to undo
    SocketHandle s = loop.transport().connect(address, connectOptions);
    try {
      return new SslIOStream(loop, s, options, engine, !s.isConnected());
    } catch (RuntimeException e) {
      try {
        s.close();
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  /** The stream {@link IOStream#startTls} moves a socket to (connected, registered nowhere). */
  static SslIOStream overConnected(IOLoop loop, SocketHandle socket, StreamOptions options,
      SSLEngine engine) {
    return new SslIOStream(loop, socket, options, engine, false);
  }

  /**
   * A configured engine for one side.
   *
   * @throws IllegalArgumentException for client options without a host name to verify, or a
   *     protocol, suite or ALPN list the context rejects
   */
  static SSLEngine newEngine(TlsOptions tls, boolean serverSide, SocketAddress peer) {
    Objects.requireNonNull(tls, "tls");
    String host = tls.serverHostname();
    SSLEngine e;
    if (serverSide || host == null) {
      if (!serverSide) {
        tls.checkClient();
      }
      e = tls.context().createSSLEngine();
    } else {
      tls.checkClient();
      int port = peer instanceof InetSocketAddress ? ((InetSocketAddress) peer).getPort() : -1;
      e = tls.context().createSSLEngine(host, port);
    }
    e.setUseClientMode(!serverSide);
    SSLParameters p = e.getSSLParameters();
    if (serverSide) {
      switch (tls.clientAuth()) {
        case NEED:
          p.setNeedClientAuth(true);
          break;
        case WANT:
          p.setWantClientAuth(true);
          break;
        default:
          p.setNeedClientAuth(false); // clears "want" too
          break;
      }
    } else {
      if (tls.verifyHostname()) {
        p.setEndpointIdentificationAlgorithm("HTTPS");
      }
      if (host != null && !isIpLiteral(host)) {
        try {
          p.setServerNames(List.of(new SNIHostName(host)));
        } catch (IllegalArgumentException notAHostName) {
          log.debug("{} is not sent as SNI: {}", host, notAHostName.getMessage());
        }
      }
    }
    if (tls.protocols() != null) {
      p.setProtocols(tls.protocols().toArray(new String[0]));
    }
    if (tls.cipherSuites() != null) {
      p.setCipherSuites(tls.cipherSuites().toArray(new String[0]));
    }
    if (tls.applicationProtocols() != null) {
      p.setApplicationProtocols(tls.applicationProtocols().toArray(new String[0]));
    }
    e.setSSLParameters(p);
    return e;
  }

  private static boolean isIpLiteral(String host) {
    return host.indexOf(':') >= 0 || host.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
  }

  // -------------------------------------------------------------------------------- public API

  /**
   * Completes with this stream once the handshake is done; fails with a {@link
   * StreamClosedException} carrying the error if it fails or the stream closes first. The same
   * future on every call.
   */
  public CompletableFuture<SslIOStream> waitForHandshake() {
    return handshake;
  }

  /** The negotiated session, or null before the handshake is done. */
  public SSLSession session() {
    return handshakeDone ? engine.getSession() : null;
  }

  /** The ALPN protocol agreed on, or null (before the handshake, or none was agreed on). */
  public String applicationProtocol() {
    if (!handshakeDone) {
      return null;
    }
    String p = engine.getApplicationProtocol();
    return p == null || p.isEmpty() ? null : p;
  }

  /** True for the client side of the connection. */
  public boolean clientSide() {
    return client;
  }

  /** Always fails: the stream speaks TLS already. */
  @Override
  public CompletableFuture<SslIOStream> startTls(TlsOptions options, boolean serverSide) {
    throw new IllegalStateException("startTls on a stream that speaks TLS already: " + this);
  }

  /**
   * Starts another handshake on the established connection: a renegotiation under TLS 1.2, a key
   * update under TLS 1.3. Package-private: the tests drive the post-handshake paths with it.
   */
  void renegotiate() throws IOException {
    if (!handshakeDone || closed()) {
      throw new IllegalStateException("no established TLS connection on " + this);
    }
    engine.beginHandshake();
    afterEngineCall(engine.getHandshakeStatus());
  }

  // --------------------------------------------------------------------------------- handshake

  /** Runs the handshake as far as the socket allows; completes or fails it. */
  private void doHandshake() {
    if (closed() || handshakeDone || connecting) {
      return;
    }
    try {
      if (!started) {
        started = true;
        engine.beginHandshake();
      }
      handshakeWantsRead = false;
      while (true) {
        if (netOut.hasRemaining()) {
          flushNetOut(); // what is left keeps WRITE interest (handshakeInterest)
        }
        HandshakeStatus hs = engine.getHandshakeStatus();
        if (hs == HandshakeStatus.NEED_TASK) {
          runTasks();
        } else if (hs == HandshakeStatus.NEED_WRAP) {
          int made = wrapControl();
          if (made < 0) {
            throw new SSLHandshakeException("The TLS engine closed during the handshake");
          }
          if (made == 0 && engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
            throw new SSLHandshakeException("The TLS engine made no progress wrapping");
          }
        } else if (hs == HandshakeStatus.NEED_UNWRAP
            || hs == HandshakeStatus.NEED_UNWRAP_AGAIN) {
          int r = unwrapHandshake();
          if (r == 0) {
            handshakeWantsRead = true;
            break;
          }
          if (r < 0) {
            peerClosedDuringHandshake();
            return;
          }
        } else if (netOut.hasRemaining()) {
          break; // done, once the last flight is sent
        } else {
          handshakeComplete();
          return;
        }
      }
      syncInterest();
    } catch (SSLException e) {
      handshakeFailed(e);
    } catch (IOException e) {
      if (ConnectionErrors.isReset(e)) {
        log.debug("TLS handshake with {} failed: {}", peer(), e.toString());
      } else {
        log.warn("TLS handshake with {} failed: {}", peer(), e.toString());
      }
      doClose(e);
    } catch (RuntimeException e) {
      // A delegated task's unchecked failure comes back from the engine as a RuntimeException.
      SSLHandshakeException wrapped = new SSLHandshakeException("TLS engine failure: " + e);
      wrapped.initCause(e);
      handshakeFailed(wrapped);
    }
  }

  /**
   * One unwrap during the handshake into {@link #appIn} (application data may come with the
   * peer's last flight): 1 if the engine took a record, 0 if it needs bytes the socket does not
   * have now, -1 if the peer closed.
   */
  private int unwrapHandshake() throws IOException {
    while (true) {
      if (netIn.hasRemaining()) {
        appIn.compact();
        SSLEngineResult r;
        try {
          r = engine.unwrap(netIn, appIn);
        } finally {
          appIn.flip();
        }
        switch (r.getStatus()) {
          case OK:
            if (r.bytesConsumed() > 0 || r.bytesProduced() > 0
                || r.getHandshakeStatus() != HandshakeStatus.NEED_UNWRAP) {
              return 1;
            }
            break; // no progress: it needs more bytes
          case CLOSED:
            inboundDone = true;
            return -1;
          case BUFFER_OVERFLOW:
            growAppIn();
            continue;
          default:
            break; // BUFFER_UNDERFLOW: read more
        }
      }
      int n = readNet();
      if (n <= 0) {
        return n;
      }
    }
  }

  private void peerClosedDuringHandshake() {
    SSLHandshakeException e = new SSLHandshakeException("Remote host terminated the handshake");
    log.debug("TLS handshake with {} failed: the peer closed the connection", peer());
    doClose(e);
  }

  private void handshakeFailed(SSLException e) {
    log.warn("TLS handshake with {} failed: {}", peer(), e.toString());
    doClose(e); // closeFd sends the alert the engine made, if the socket takes it
  }

  private void handshakeComplete() {
    handshakeDone = true;
    handshakeWantsRead = false;
    syncInterest();
    SSLSession s = engine.getSession();
    // The negotiated session may want larger buffers than the engine's first guess.
    appRoom = Math.max(appRoom, s.getApplicationBufferSize());
    if (netIn.capacity() < s.getPacketBufferSize()) {
      netIn = grow(netIn, s.getPacketBufferSize());
    }
    if (netOut.capacity() < s.getPacketBufferSize()) {
      netOut = grow(netOut, s.getPacketBufferSize());
    }
    if (log.isDebugEnabled()) {
      log.debug("TLS handshake with {} done: {} {}", peer(), s.getProtocol(), s.getCipherSuite());
    }
    deliver(() -> handshake.complete(this));
    if (closed()) {
      return;
    }
    // What waited for the handshake: queued writes, a pending read, bytes already decrypted.
    flushQueue();
    if (closed()) {
      return;
    }
    if (writing()) {
      addIoState(IOLoop.WRITE);
    }
    if (reading() || netIn.hasRemaining() || appIn.hasRemaining()) {
      super.handleRead();
    }
  }

  private String peer() {
    SocketAddress a = remoteAddress();
    return a == null ? "(not connected)" : a.toString();
  }

  // --------------------------------------------------------------------------- event handling

  @Override
  void handleRead() {
    if (!handshakeDone) {
      doHandshake();
      return;
    }
    super.handleRead();
  }

  @Override
  void handleWrite() {
    if (!handshakeDone) {
      doHandshake();
      return;
    }
    if (netOut.hasRemaining()) {
      try {
        flushNetOut();
      } catch (IOException e) {
        if (!ConnectionErrors.isReset(e)) {
          log.warn("Write error on {}: {}", this, e.toString());
        }
        doClose(e);
        return;
      }
    }
    flushQueue();
  }

  @Override
  boolean readingBeyondCalls() {
    return !handshakeDone || handshakeWantsRead;
  }

  @Override
  boolean writingBeyondCalls() {
    return netOut.hasRemaining();
  }

  /**
   * During a handshake the registration follows what the handshake needs, not what the base
   * stream asks for: a write queued before the handshake must not keep WRITE interest while the
   * handshake waits for the peer (the socket would be reported writable again and again).
   */
  @Override
  void watch(boolean first, int interest) {
    int want = handshakeDone && !handshakeWantsRead ? interest : handshakeInterest();
    if (first) {
      super.watch(true, want);
      registered = want;
    } else if (want != registered) {
      super.watch(false, want);
      registered = want;
    }
  }

  @Override
  void unwatch() {
    registered = -1;
    super.unwatch();
  }

  private int handshakeInterest() {
    if (connecting) {
      return IOLoop.WRITE;
    }
    if (!started) {
      return client ? IOLoop.WRITE : IOLoop.READ;
    }
    int i = 0;
    if (netOut.hasRemaining()) {
      i |= IOLoop.WRITE;
    }
    if (handshakeWantsRead || i == 0) {
      i |= IOLoop.READ;
    }
    return i;
  }

  /** Brings the registration in line with what the handshake, or else the base, needs. */
  private void syncInterest() {
    int state = interestState();
    if (state >= 0 && !closed()) {
      watch(false, state);
    }
  }

  @Override
  void failConnect(StreamClosedException e) {
    super.failConnect(e);
    if (!handshake.isDone()) {
      deliver(() -> handshake.completeExceptionally(e));
    }
  }

  // ----------------------------------------------------------------------------- the data path

  /**
   * Decrypts into {@code dst}: what is left from before, then records already read, then what the
   * socket has. Bytes, 0 if none now, -1 at the peer's close_notify or end of stream.
   */
  @Override
  int readFromFd(ByteBuffer dst) throws IOException {
    if (!handshakeDone) {
      return 0;
    }
    int total = 0;
    boolean needBytes = false;
    boolean viaAppIn = false;
    while (true) {
      if (appIn.hasRemaining()) {
        int n = Math.min(appIn.remaining(), dst.remaining());
        int limit = appIn.limit();
        appIn.limit(appIn.position() + n);
        dst.put(appIn);
        appIn.limit(limit);
        total += n;
        if (!dst.hasRemaining()) {
          return total;
        }
      }
      if (inboundDone) {
        return total > 0 ? total : -1;
      }
      if (netIn.hasRemaining() && !needBytes) {
        boolean direct = !viaAppIn && dst.remaining() >= appRoom;
        SSLEngineResult r;
        if (direct) {
          r = engine.unwrap(netIn, dst);
        } else {
          appIn.compact();
          try {
            r = engine.unwrap(netIn, appIn);
          } finally {
            appIn.flip();
          }
        }
        switch (r.getStatus()) {
          case OK:
            if (direct) {
              total += r.bytesProduced();
            }
            HandshakeStatus before = r.getHandshakeStatus();
            HandshakeStatus hs = afterEngineCall(before);
            if (r.bytesConsumed() == 0 && r.bytesProduced() == 0 && (hs == before
                || (before != HandshakeStatus.NEED_TASK && before != HandshakeStatus.NEED_WRAP))) {
              needBytes = true; // no progress (the engine did not wait for a task or a reply)
            }
            break;
          case CLOSED:
            inboundDone = true;
            break;
          case BUFFER_OVERFLOW:
            if (direct) {
              viaAppIn = true;
            } else {
              growAppIn();
            }
            break;
          default: // BUFFER_UNDERFLOW
            needBytes = true;
            break;
        }
        continue;
      }
      if (total > 0) {
        return total;
      }
      int n = readNet();
      if (n == 0) {
        return 0;
      }
      if (n < 0) {
        if (netIn.hasRemaining()) {
          log.debug("{}: the peer closed in the middle of a record ({} bytes)", this,
              netIn.remaining());
        }
        return -1;
      }
      needBytes = false;
    }
  }

  /**
   * Encrypts from the buffers into {@link #netOut} and writes it. Returns the plain bytes whose
   * encrypted form is all in the kernel now (a write's future completes only then): bytes the
   * engine took while the socket was full are reported by a later call.
   */
  @Override
  long writeToFd(ByteBuffer[] srcs, int offset, int length) throws IOException {
    if (!flushNetOut()) {
      return 0;
    }
    long done = owed;
    owed = 0;
    while (hasRemaining(srcs, offset, length)) {
      netOut.compact();
      SSLEngineResult r;
      try {
        r = engine.wrap(srcs, offset, length, netOut);
      } finally {
        netOut.flip();
      }
      if (r.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
        netOut = grow(netOut, netOut.capacity() + engine.getSession().getPacketBufferSize());
        continue;
      }
      if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
        throw new SSLException("The TLS connection is closed for writing");
      }
      owed += r.bytesConsumed();
      afterEngineCall(r.getHandshakeStatus());
      if (!flushNetOut()) {
        break;
      }
      done += owed;
      owed = 0;
      if (r.bytesConsumed() == 0) {
        break; // the engine takes no data now (a renegotiation waits for the peer)
      }
    }
    return done;
  }

  private static boolean hasRemaining(ByteBuffer[] srcs, int offset, int length) {
    for (int i = offset; i < offset + length; i++) {
      if (srcs[i].hasRemaining()) {
        return true;
      }
    }
    return false;
  }

  /**
   * Handles what the engine needs after a call on the data path (a post-handshake message, a
   * renegotiation): runs its tasks, wraps its replies and tries to send them. Returns the status
   * then.
   */
  private HandshakeStatus afterEngineCall(HandshakeStatus hs) throws IOException {
    if (hs == HandshakeStatus.NOT_HANDSHAKING || hs == HandshakeStatus.FINISHED) {
      if (handshakeWantsRead) {
        handshakeWantsRead = false;
        syncInterest();
      }
      return hs;
    }
    while (true) {
      if (hs == HandshakeStatus.NEED_TASK) {
        runTasks();
      } else if (hs == HandshakeStatus.NEED_WRAP) {
        if (wrapControl() <= 0) {
          break;
        }
      } else {
        break;
      }
      hs = engine.getHandshakeStatus();
    }
    if (netOut.hasRemaining() && !flushNetOut()) {
      addIoState(IOLoop.WRITE);
    }
    boolean wantsRead = hs == HandshakeStatus.NEED_UNWRAP
        || hs == HandshakeStatus.NEED_UNWRAP_AGAIN;
    if (wantsRead != handshakeWantsRead) {
      handshakeWantsRead = wantsRead;
      syncInterest();
    }
    return hs;
  }

  // ---------------------------------------------------------------------------- buffer helpers

  /**
   * Wraps what the engine sends of its own (handshake messages, alerts, close_notify) after what
   * {@link #netOut} holds, growing it if needed. Returns the bytes made, or -1 if the engine's
   * outbound side is closed and it made none.
   */
  private int wrapControl() throws SSLException {
    while (true) {
      netOut.compact();
      SSLEngineResult r;
      try {
        r = engine.wrap(EMPTY, netOut);
      } finally {
        netOut.flip();
      }
      if (r.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
        netOut = grow(netOut, netOut.capacity() + engine.getSession().getPacketBufferSize());
        continue;
      }
      if (r.getStatus() == SSLEngineResult.Status.CLOSED && r.bytesProduced() == 0) {
        return -1;
      }
      return r.bytesProduced();
    }
  }

  /** Writes {@link #netOut} until it is empty (true) or the socket takes no more (false). */
  private boolean flushNetOut() throws IOException {
    while (netOut.hasRemaining()) {
      if (handle.write(netOut) == 0) {
        return false;
      }
    }
    return true;
  }

  /** One read from the socket after what {@link #netIn} holds: bytes, 0 or -1. */
  private int readNet() throws IOException {
    if (netIn.remaining() == netIn.capacity()) {
      // Full of one incomplete record: the engine's packets are larger than the buffer.
      netIn = grow(netIn, netIn.capacity() + engine.getSession().getPacketBufferSize());
    }
    netIn.compact();
    try {
      return handle.read(netIn);
    } finally {
      netIn.flip();
    }
  }

  private void growAppIn() {
    appRoom = Math.max(appRoom, engine.getSession().getApplicationBufferSize());
    appIn = grow(appIn, Math.max(appIn.capacity() * 2, appIn.remaining() + appRoom));
  }

  /** A buffer of {@code capacity} (in read mode) holding what {@code b} holds. */
  private static ByteBuffer grow(ByteBuffer b, int capacity) {
    ByteBuffer bigger = ByteBuffer.allocate(Math.max(capacity, b.remaining()));
    bigger.put(b);
    return bigger.flip();
  }

  private void runTasks() {
    Runnable task;
    while ((task = engine.getDelegatedTask()) != null) {
      task.run();
    }
  }

  // ----------------------------------------------------------------------------------- closing

  /** Sends a close_notify (or the alert a failed handshake made) if the socket takes it now. */
  @Override
  void closeFd() {
    if (started && !connecting) {
      try {
        engine.closeOutbound();
        for (int i = 0; i < 4 && wrapControl() > 0; i++) {
          // the engine may make more than one record (an alert, then close_notify)
        }
        if (netOut.hasRemaining()) {
          handle.write(netOut);
        }
      } catch (IOException | RuntimeException e) {
        log.debug("No close_notify sent on {}: {}", this, e.toString());
      }
    }
    super.closeFd();
  }

  @Override
  public String toString() {
    return "SslIOStream[" + socket() + (client ? ", client" : ", server")
        + (handshakeDone ? "" : ", handshaking") + (closed() ? ", closed" : "") + "]";
  }
}
