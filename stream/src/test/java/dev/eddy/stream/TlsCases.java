package dev.eddy.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.eddy.loop.PollerSelection;
import dev.eddy.loop.spi.ConnectOptions;
import dev.eddy.loop.spi.PollerProvider;
import dev.eddy.loop.spi.SocketHandle;
import dev.eddy.loop.tck.ResourceLeakCheck;
import dev.eddy.stream.StreamFixture.Pair;
import dev.eddy.testing.ExpectLog;
import dev.eddy.testing.SelfSignedCertificate;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.event.Level;

/**
 * SslIOStream and startTls, after Tornado's SSLIOStream tests, on one backend; a subclass per
 * backend runs it. The certificate is made once per JVM ({@link TestCertificates}).
 */
@ExtendWith(ResourceLeakCheck.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
abstract class TlsCases {

  /** The backend's name. */
  abstract String backend();

  StreamFixture f;

  /** Probes the backends and makes the certificate before the first test's leak baseline. */
  @BeforeAll
  static void prepare() {
    PollerSelection.all().forEach(PollerProvider::isAvailable);
    SelfSignedCertificate.get();
  }

  @BeforeEach
  void open() {
    f = new StreamFixture(backend());
  }

  @AfterEach
  void close() throws IOException {
    if (f != null) {
      f.close();
    }
  }

  static byte[] b(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  static String s(byte[] b) {
    return new String(b, StandardCharsets.ISO_8859_1);
  }

  static TlsOptions serverTls() {
    return TlsOptions.server(SelfSignedCertificate.serverContext());
  }

  static TlsOptions clientTls() {
    return TlsOptions.client(SelfSignedCertificate.clientContext(), "localhost");
  }

  /** The exception a failed future failed with, unwrapped. */
  Throwable failure(CompletableFuture<?> future) {
    CompletionException e = assertThrows(CompletionException.class,
        () -> f.await(future.handle((v, t) -> {
          if (t != null) {
            throw t instanceof CompletionException ? (CompletionException) t
                : new CompletionException(t);
          }
          return v;
        })));
    return e.getCause();
  }

  /** The first throwable of the type in the cause chain, or null. */
  static <T extends Throwable> T inChain(Throwable t, Class<T> type) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (type.isInstance(c)) {
        return type.cast(c);
      }
    }
    return null;
  }

  record TlsPair(SslIOStream server, SslIOStream client) implements AutoCloseable {
    @Override
    public void close() {
      server.close();
      client.close();
    }
  }

  TlsPair tlsPair(TlsOptions serverTls, TlsOptions clientTls, StreamOptions serverOptions,
      StreamOptions clientOptions) throws IOException {
    CompletableFuture<SocketHandle> accepted = f.accept();
    SslIOStream client = SslIOStream.startConnect(f.loop, f.address(), clientTls,
        ConnectOptions.DEFAULTS, clientOptions);
    SslIOStream server = new SslIOStream(f.loop, f.await(accepted), serverTls, serverOptions);
    try {
      assertSame(client, f.await(client.waitForHandshake()));
      assertSame(server, f.await(server.waitForHandshake()));
    } catch (RuntimeException | Error e) {
      client.close();
      server.close();
      throw e;
    }
    return new TlsPair(server, client);
  }

  TlsPair tlsPair() throws IOException {
    return tlsPair(serverTls(), clientTls(), StreamOptions.DEFAULTS, StreamOptions.DEFAULTS);
  }

  /** Echoes lines until the stream closes. */
  static CompletableFuture<Void> echoLines(BaseIOStream s) {
    return s.readUntil(b("\n")).thenCompose(s::write).thenCompose(v -> echoLines(s));
  }

  static byte[] line(Random r, int length) {
    byte[] line = new byte[length];
    for (int i = 0; i < length - 1; i++) {
      line[i] = (byte) ('a' + r.nextInt(26));
    }
    line[length - 1] = '\n';
    return line;
  }

  // ------------------------------------------------------------------------------------- data

  @Test
  void echoOfLinesOfManySizes() throws IOException {
    int[] sizes = {1, 2, 100, 4095, 16383, 16384, 16385, 16389, 65536 + 7, 300_000,
        1024 * 1024};
    Random r = new Random(7);
    try (TlsPair p = tlsPair()) {
      echoLines(p.server());
      CRC32 sent = new CRC32();
      List<byte[]> lines = new ArrayList<>();
      for (int size : sizes) {
        byte[] line = line(r, size);
        lines.add(line);
        sent.update(line);
        p.client().write(line.clone());
      }
      CRC32 got = new CRC32();
      for (int i = 0; i < lines.size(); i++) {
        byte[] back = i % 2 == 0 ? f.await(p.client().readBytes(lines.get(i).length))
            : f.await(p.client().readUntil(b("\n")));
        assertArrayEquals(lines.get(i), back, "line " + i + " of " + sizes[i] + " bytes");
        got.update(back);
      }
      assertEquals(sent.getValue(), got.getValue());
      assertFalse(p.client().writing());
    }
  }

  @Test
  void smallReadChunksServeLargeRecords() throws IOException {
    // Records of 16 KiB decrypted into a 100-byte read chunk: the rest waits in the stream.
    byte[] data = new byte[512 * 1024];
    new Random(3).nextBytes(data);
    try (TlsPair p = tlsPair(serverTls(), clientTls(), StreamOptions.DEFAULTS,
        StreamOptions.DEFAULTS.withReadChunkSize(100))) {
      p.server().write(data.clone());
      ByteBuffer got = ByteBuffer.allocate(data.length);
      Random r = new Random(4);
      while (got.hasRemaining()) {
        int n = Math.min(got.remaining(), r.nextInt(5000) + 1);
        byte[] some = f.await(p.client().readBytes(n, r.nextBoolean()));
        got.put(some);
      }
      assertArrayEquals(data, got.array());
    }
  }

  @Test
  void flowControlHoldsBackAFastTlsWriter() throws IOException {
    int mb = 1024 * 1024;
    try (TlsPair p = tlsPair(serverTls(), clientTls(),
        StreamOptions.DEFAULTS.withMaxBufferSize(2 * mb), StreamOptions.DEFAULTS)) {
      byte[] data = new byte[12 * mb];
      new Random(5).nextBytes(data);
      CompletableFuture<Void> written = p.client().write(data.clone());
      assertArrayEquals(Arrays.copyOf(data, mb), f.await(p.server().readBytes(mb)));
      f.spin();
      assertFalse(written.isDone(), "the writer is held back while the reader reads nothing");
      for (int i = 1; i < 12; i++) {
        assertArrayEquals(Arrays.copyOfRange(data, i * mb, (i + 1) * mb),
            f.await(p.server().readBytes(mb)));
      }
      f.await(written);
    }
  }

  @Test
  void renegotiationUnderTls12() throws IOException {
    try (TlsPair p = tlsPair(serverTls().withProtocols("TLSv1.2"), clientTls(),
        StreamOptions.DEFAULTS, StreamOptions.DEFAULTS)) {
      exchangeAcrossAHandshake(p);
    }
  }

  @Test
  void keyUpdateUnderTls13() throws IOException {
    try (TlsPair p = tlsPair()) {
      assertEquals("TLSv1.3", p.client().session().getProtocol());
      exchangeAcrossAHandshake(p);
    }
  }

  /** Data both ways while each side in turn starts a handshake on the live connection. */
  private void exchangeAcrossAHandshake(TlsPair p) throws IOException {
    echoLines(p.server());
    Random r = new Random(13);
    for (int round = 0; round < 3; round++) {
      if (round == 1) {
        p.client().renegotiate();
      } else if (round == 2) {
        p.server().renegotiate();
      }
      byte[] line = line(r, 50_000 + round);
      p.client().write(line.clone());
      assertArrayEquals(line, f.await(p.client().readUntil(b("\n"))), "round " + round);
    }
    assertFalse(p.client().closed() || p.server().closed());
  }

  // -------------------------------------------------------------------------------- handshake

  @Test
  void noBusyLoopWhileTheHandshakeWaits() throws IOException {
    // A client with queued writes whose server does not answer yet, and a server whose client
    // says nothing: both wait without spinning the loop.
    java.lang.management.ThreadMXBean threads =
        java.lang.management.ManagementFactory.getThreadMXBean();
    assumeTrue(threads.isCurrentThreadCpuTimeSupported(), "no thread CPU time here");
    CompletableFuture<SocketHandle> accepted = f.accept();
    SslIOStream client = SslIOStream.startConnect(f.loop, f.address(), clientTls(),
        ConnectOptions.DEFAULTS, StreamOptions.DEFAULTS);
    CompletableFuture<Void> w = client.write(new byte[100_000]);
    SocketHandle silent = f.await(accepted);
    CompletableFuture<SocketHandle> accepted2 = f.accept();
    IOStream mute = f.await(IOStream.connect(f.loop, f.address()));
    SslIOStream server = new SslIOStream(f.loop, f.await(accepted2), serverTls(),
        StreamOptions.DEFAULTS);
    try {
      f.spin();
      long cpu = threads.getCurrentThreadCpuTime();
      CompletableFuture<Void> later = new CompletableFuture<>();
      f.loop.callLater(java.time.Duration.ofMillis(500), () -> later.complete(null));
      f.await(later);
      long used = (threads.getCurrentThreadCpuTime() - cpu) / 1_000_000;
      assertTrue(used < 150, "the loop used " + used + " ms of CPU in 500 ms of waiting");
      assertFalse(w.isDone());
      assertFalse(server.waitForHandshake().isDone());
    } finally {
      client.close();
      server.close();
      mute.close();
      silent.close();
    }
  }

  @Test
  void handshakeSessionAndProtocol() throws IOException {
    CompletableFuture<SocketHandle> accepted = f.accept();
    SslIOStream client = SslIOStream.startConnect(f.loop, f.address(), clientTls(),
        ConnectOptions.DEFAULTS, StreamOptions.DEFAULTS);
    assertNull(client.session(), "no session before the handshake");
    assertTrue(client.clientSide());
    SslIOStream server = new SslIOStream(f.loop, f.await(accepted), serverTls(),
        StreamOptions.DEFAULTS);
    assertFalse(server.clientSide());
    assertNull(server.session());
    try (TlsPair p = new TlsPair(server, client)) {
      assertSame(server, f.await(p.server().waitForHandshake()));
      assertSame(client, f.await(p.client().waitForHandshake()));
      assertSame(p.client().waitForHandshake(), p.client().waitForHandshake());
      SSLSession cs = p.client().session();
      assertNotNull(cs);
      assertEquals("TLSv1.3", cs.getProtocol());
      assertEquals(cs.getProtocol(), p.server().session().getProtocol());
      assertEquals(cs.getCipherSuite(), p.server().session().getCipherSuite());
      assertEquals("CN=localhost", cs.getPeerPrincipal().getName());
      assertThrows(SSLPeerUnverifiedException.class, () -> p.server().session().getPeerPrincipal(),
          "no client certificate was asked for");
      assertNull(p.client().applicationProtocol(), "no ALPN");
      assertNull(p.server().applicationProtocol());
      assertTrue(p.client().toString().startsWith("SslIOStream["), p.client().toString());
      f.await(p.client().write(b("ping\n")));
      assertEquals("ping\n", s(f.await(p.server().readUntil(b("\n")))));
    }
  }

  @Test
  void alpnIsNegotiated() throws IOException {
    try (TlsPair p = tlsPair(serverTls().withApplicationProtocols("http/1.1"),
        clientTls().withApplicationProtocols("h2", "http/1.1"), StreamOptions.DEFAULTS,
        StreamOptions.DEFAULTS)) {
      assertEquals("http/1.1", p.client().applicationProtocol());
      assertEquals("http/1.1", p.server().applicationProtocol());
    }
  }

  @Test
  void tls12WorksToo() throws IOException {
    try (TlsPair p = tlsPair(serverTls().withProtocols("TLSv1.2"), clientTls(),
        StreamOptions.DEFAULTS, StreamOptions.DEFAULTS)) {
      assertEquals("TLSv1.2", p.client().session().getProtocol());
      echoLines(p.server());
      byte[] line = line(new Random(1), 100_000);
      p.client().write(line.clone());
      assertArrayEquals(line, f.await(p.client().readUntil(b("\n"))));
      CompletableFuture<byte[]> rest = p.client().readUntilClose();
      p.server().close();
      assertEquals(0, f.await(rest).length);
      assertNull(p.client().error());
    }
  }

  @Test
  void connectionRefused() throws IOException {
    int port;
    try (java.net.ServerSocket closedPort = new java.net.ServerSocket(0, 1,
        java.net.InetAddress.getLoopbackAddress())) {
      port = closedPort.getLocalPort();
    }
    Throwable t = failure(SslIOStream.connect(f.loop,
        new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), port), clientTls(),
        ConnectOptions.DEFAULTS, StreamOptions.DEFAULTS));
    assertInstanceOf(StreamClosedException.class, t);
    assertInstanceOf(java.net.ConnectException.class, t.getCause(), String.valueOf(t.getCause()));
  }

  @Test
  void hostnameVerificationFailure() throws IOException {
    CompletableFuture<SocketHandle> accepted = f.accept();
    SslIOStream client = SslIOStream.startConnect(f.loop, f.address(),
        TlsOptions.client(SelfSignedCertificate.clientContext(), "wrong.example"),
        ConnectOptions.DEFAULTS, StreamOptions.DEFAULTS);
    SslIOStream server = new SslIOStream(f.loop, f.await(accepted), serverTls(),
        StreamOptions.DEFAULTS);
    CompletableFuture<byte[]> pendingRead = client.readBytes(1);
    Throwable t = failure(client.waitForHandshake());
    assertInstanceOf(StreamClosedException.class, t);
    assertNotNull(inChain(t, SSLHandshakeException.class), String.valueOf(t));
    CertificateException ce = inChain(t, CertificateException.class);
    assertNotNull(ce, String.valueOf(t));
    assertTrue(ce.getMessage().contains("wrong.example"), ce.getMessage());
    assertInstanceOf(SSLException.class, client.error());
    assertTrue(client.closed());
    Throwable r = failure(pendingRead);
    assertInstanceOf(StreamClosedException.class, r);
    assertSame(client.error(), r.getCause(), "pending operations carry the SSLException");
    // The server learns it from the client's alert (or its close): no hang.
    Throwable st = failure(server.waitForHandshake());
    assertInstanceOf(StreamClosedException.class, st);
    assertTrue(server.closed());
  }

  @Test
  void untrustedCertificate() throws IOException, NoSuchAlgorithmException {
    CompletableFuture<SocketHandle> accepted = f.accept();
    SslIOStream client = SslIOStream.startConnect(f.loop, f.address(),
        TlsOptions.client(SSLContext.getDefault(), "localhost"), ConnectOptions.DEFAULTS,
        StreamOptions.DEFAULTS);
    SslIOStream server = new SslIOStream(f.loop, f.await(accepted), serverTls(),
        StreamOptions.DEFAULTS);
    Throwable t = failure(client.waitForHandshake());
    assertInstanceOf(StreamClosedException.class, t);
    assertNotNull(inChain(t, SSLHandshakeException.class), String.valueOf(t));
    assertNotNull(inChain(t, CertificateException.class), String.valueOf(t));
    assertTrue(client.closed());
    assertInstanceOf(StreamClosedException.class, failure(server.waitForHandshake()));
    assertTrue(server.closed());
  }

  @Test
  void hostnameVerificationCanBeTurnedOffExplicitly() throws IOException {
    TlsOptions unverified = TlsOptions.clientWithoutHostnameVerification(
        SelfSignedCertificate.clientContext()).withServerHostname("wrong.example");
    assertFalse(unverified.verifyHostname());
    try (TlsPair p = tlsPair(serverTls(), unverified, StreamOptions.DEFAULTS,
        StreamOptions.DEFAULTS)) {
      assertNotNull(p.client().session());
    }
  }

  @Test
  void anIpAddressIsVerifiedAgainstTheCertificatesIpAddress() throws IOException {
    // The certificate names 127.0.0.1 too; an IP address is checked but not sent as SNI.
    try (TlsPair p = tlsPair(serverTls(), TlsOptions.client(SelfSignedCertificate.clientContext(),
        "127.0.0.1"), StreamOptions.DEFAULTS, StreamOptions.DEFAULTS)) {
      assertNotNull(p.client().session());
    }
  }

  @Test
  void aClientNeedsAHostnameToVerify() throws IOException {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TlsOptions.client(SelfSignedCertificate.clientContext(), null));
    assertTrue(e.getMessage().startsWith("hostname verification needs a serverHostname; "),
        e.getMessage());
    // Server options used by a client: refused before a socket is made.
    e = assertThrows(IllegalArgumentException.class, () -> SslIOStream.connect(f.loop,
        f.address(), serverTls(), ConnectOptions.DEFAULTS, StreamOptions.DEFAULTS));
    assertTrue(e.getMessage().startsWith("hostname verification needs a serverHostname; "),
        e.getMessage());
    try (Pair p = f.pair()) {
      assertThrows(IllegalArgumentException.class,
          () -> p.client().startTls(serverTls(), false));
      assertFalse(p.client().closed(), "a refused startTls leaves the stream as it was");
    }
  }

  @Test
  void clientCertificatesWhenNeeded() throws IOException {
    TlsOptions needs = TlsOptions.server(SelfSignedCertificate.mutualContext())
        .withClientAuth(TlsOptions.ClientAuth.NEED);
    // With a certificate the server trusts.
    try (TlsPair p = tlsPair(needs, TlsOptions.client(SelfSignedCertificate.mutualContext(),
        "localhost"), StreamOptions.DEFAULTS, StreamOptions.DEFAULTS)) {
      assertEquals("CN=localhost", p.server().session().getPeerPrincipal().getName());
    }
    // Without one: the server fails the handshake; the client (whose TLS 1.3 handshake may
    // be done before the server decides) sees the connection end.
    CompletableFuture<SocketHandle> accepted = f.accept();
    SslIOStream client = SslIOStream.startConnect(f.loop, f.address(), clientTls(),
        ConnectOptions.DEFAULTS, StreamOptions.DEFAULTS);
    SslIOStream server = new SslIOStream(f.loop, f.await(accepted), needs,
        StreamOptions.DEFAULTS);
    CompletableFuture<byte[]> read = client.readUntilClose();
    Throwable st = failure(server.waitForHandshake());
    assertNotNull(inChain(st, SSLHandshakeException.class), String.valueOf(st));
    f.await(read.handle((v, t) -> null));
    assertTrue(client.closed());
  }

  // ---------------------------------------------------------------------------------- startTls

  @Test
  void startTlsLikeSmtp() throws IOException {
    // Tornado's test_start_tls_smtp: a plain exchange, STARTTLS, then the same socket encrypted.
    try (Pair p = f.pair()) {
      f.await(p.server().write(b("220 mail.example.com ESMTP\r\n")));
      assertEquals("220 mail.example.com ESMTP\r\n", s(f.await(p.client().readUntil(b("\r\n")))));
      f.await(p.client().write(b("EHLO example.com\r\n")));
      assertEquals("EHLO example.com\r\n", s(f.await(p.server().readUntil(b("\r\n")))));
      f.await(p.server().write(b("250-mail.example.com\r\n250 STARTTLS\r\n")));
      assertEquals("250-mail.example.com\r\n", s(f.await(p.client().readUntil(b("\r\n")))));
      assertEquals("250 STARTTLS\r\n", s(f.await(p.client().readUntil(b("\r\n")))));
      f.await(p.client().write(b("STARTTLS\r\n")));
      assertEquals("STARTTLS\r\n", s(f.await(p.server().readUntil(b("\r\n")))));
      f.await(p.server().write(b("220 Go ahead\r\n")));
      assertEquals("220 Go ahead\r\n", s(f.await(p.client().readUntil(b("\r\n")))));

      CompletableFuture<Boolean> clientClosed = new CompletableFuture<>();
      p.client().setCloseCallback(() -> clientClosed.complete(true));
      CompletableFuture<SslIOStream> sf = p.server().startTls(serverTls(), true);
      CompletableFuture<SslIOStream> cf = p.client().startTls(clientTls(), false);
      assertTrue(p.server().closed(), "the plain stream gave its socket away");
      assertTrue(p.client().closed());
      SslIOStream server = f.await(sf);
      SslIOStream client = f.await(cf);
      try (TlsPair tls = new TlsPair(server, client)) {
        assertSame(p.server().socket(), tls.server().socket());
        assertNotNull(client.session());
        f.await(client.write(b("EHLO example.com\r\n")));
        assertEquals("EHLO example.com\r\n", s(f.await(server.readUntil(b("\r\n")))));
        f.await(server.write(b("250 mail.example.com\r\n")));
        assertEquals("250 mail.example.com\r\n", s(f.await(client.readUntil(b("\r\n")))));
        assertFalse(clientClosed.isDone());
        tls.server().close();
        assertTrue(f.await(clientClosed), "the close callback moved to the TLS stream");
        assertTrue(client.closed());
      }
    }
  }

  @Test
  void startTlsKeepsTheStreamOptions() throws IOException {
    try (Pair p = f.pair(StreamOptions.DEFAULTS, StreamOptions.DEFAULTS.withMaxBufferSize(
        1000))) {
      CompletableFuture<SslIOStream> sf = p.server().startTls(serverTls(), true);
      CompletableFuture<SslIOStream> cf = p.client().startTls(clientTls(), false);
      try (TlsPair tls = new TlsPair(f.await(sf), f.await(cf))) {
        CompletableFuture<byte[]> r = tls.client().readBytes(2000);
        f.await(tls.server().write(new byte[2000]));
        Throwable t = failure(r);
        assertInstanceOf(StreamBufferFullException.class, t.getCause());
      }
    }
  }

  @Test
  void startTlsNeedsAnIdleStream() throws IOException {
    try (Pair p = f.pair()) {
      CompletableFuture<byte[]> pending = p.client().readBytes(1);
      IllegalStateException e = assertThrows(IllegalStateException.class,
          () -> p.client().startTls(clientTls(), false));
      assertTrue(e.getMessage().startsWith("startTls needs an idle stream: a read is pending"),
          e.getMessage());
      assertFalse(p.client().closed());
      f.await(p.server().write(b("xy")));
      assertEquals("x", s(f.await(pending)));
      // "y" arrived with "x": it is buffered, and would belong to the TLS stream.
      f.spin();
      e = assertThrows(IllegalStateException.class,
          () -> p.client().startTls(clientTls(), false));
      assertTrue(e.getMessage().startsWith("startTls needs an idle stream: 1 bytes are buffered"),
          e.getMessage());
      assertEquals("y", s(f.await(p.client().readBytes(1))));
      p.server().close();
      f.await(p.client().readUntilClose());
      assertInstanceOf(StreamClosedException.class,
          failure(p.client().startTls(clientTls(), false)));
    }
  }

  @Test
  void startTlsOnATlsStreamIsRefused() throws IOException {
    try (TlsPair p = tlsPair()) {
      assertThrows(IllegalStateException.class, () -> p.client().startTls(clientTls(), false));
    }
  }

  // ------------------------------------------------------------------- before the handshake

  @Test
  void readsAndWritesBeforeTheHandshakeWaitForIt() throws IOException {
    CompletableFuture<SocketHandle> accepted = f.accept();
    SslIOStream client = SslIOStream.startConnect(f.loop, f.address(), clientTls(),
        ConnectOptions.DEFAULTS, StreamOptions.DEFAULTS);
    byte[] big = line(new Random(9), 200_000);
    CompletableFuture<Void> w1 = client.write(b("hello "));
    CompletableFuture<Void> w2 = client.write(big.clone());
    CompletableFuture<byte[]> clientRead = client.readBytes(5);
    assertFalse(w1.isDone());
    assertTrue(client.writing());
    SslIOStream server = new SslIOStream(f.loop, f.await(accepted), serverTls(),
        StreamOptions.DEFAULTS);
    CompletableFuture<Void> sw = server.write(b("world"));
    CompletableFuture<byte[]> serverRead = server.readBytes(6);
    assertFalse(sw.isDone());
    try (TlsPair p = new TlsPair(server, client)) {
      assertEquals("hello ", s(f.await(serverRead)));
      assertTrue(p.server().waitForHandshake().isDone());
      assertArrayEquals(big, f.await(server.readUntil(b("\n"))));
      f.await(w1);
      f.await(w2);
      f.await(sw);
      assertEquals("world", s(f.await(clientRead)));
    }
  }

  // ------------------------------------------------------------------------------- closing

  @Test
  void readUntilCloseGetsWhatWasSentBeforeTheClose() throws IOException {
    byte[] data = new byte[300_000];
    new Random(11).nextBytes(data);
    try (TlsPair p = tlsPair()) {
      CompletableFuture<byte[]> all = p.client().readUntilClose();
      f.await(p.server().write(data.clone()));
      p.server().close();
      assertArrayEquals(data, f.await(all));
      assertTrue(p.client().closed());
      assertNull(p.client().error(), "close_notify is an orderly end");
    }
  }

  @Test
  void dataThenCloseWithoutAPendingRead() throws IOException {
    try (TlsPair p = tlsPair()) {
      f.await(p.client().write(b("1234")));
      p.client().close();
      assertEquals("1", s(f.await(p.server().readBytes(1))));
      assertEquals("234", s(f.await(p.server().readUntilClose())));
      assertTrue(p.server().closed());
      assertInstanceOf(StreamClosedException.class, failure(p.server().readBytes(1)));
      assertInstanceOf(StreamClosedException.class, failure(p.client().write(b("x"))));
    }
  }

  @Test
  void anIdleTlsStreamNoticesThePeerClosing() throws IOException {
    try (TlsPair p = tlsPair()) {
      CompletableFuture<Boolean> closed = new CompletableFuture<>();
      p.client().setCloseCallback(() -> closed.complete(p.client().closed()));
      p.server().close();
      assertTrue(f.await(closed));
    }
  }

  @Test
  void thePeerClosingDuringTheHandshake() throws IOException {
    // A plain client that connects and goes: the server's handshake fails, nothing hangs.
    CompletableFuture<SocketHandle> accepted = f.accept();
    IOStream plain = f.await(IOStream.connect(f.loop, f.address()));
    SslIOStream server = new SslIOStream(f.loop, f.await(accepted), serverTls(),
        StreamOptions.DEFAULTS);
    plain.close();
    Throwable t = failure(server.waitForHandshake());
    assertInstanceOf(StreamClosedException.class, t);
    assertInstanceOf(SSLHandshakeException.class, t.getCause());
    assertTrue(server.closed());

    // A TLS client whose server reads its hello and goes.
    accepted = f.accept();
    SslIOStream client = SslIOStream.startConnect(f.loop, f.address(), clientTls(),
        ConnectOptions.DEFAULTS, StreamOptions.DEFAULTS);
    IOStream plainServer = new IOStream(f.loop, f.await(accepted));
    assertTrue(f.await(plainServer.readBytes(5)).length == 5);
    plainServer.close();
    t = failure(client.waitForHandshake());
    assertInstanceOf(StreamClosedException.class, t);
    assertInstanceOf(SSLHandshakeException.class, t.getCause());
    assertTrue(client.closed());
  }

  @Test
  void closingLeavesNoDescriptorBehind() throws IOException {
    Path fds = Path.of("/proc/self/fd");
    assumeTrue(Files.isDirectory(fds), "no /proc/self/fd here");
    f.listener();
    long before = sockets(fds);
    TlsPair p = tlsPair();
    echoLines(p.server());
    f.await(p.client().write(b("x\n")));
    assertEquals("x\n", s(f.await(p.client().readUntil(b("\n")))));
    p.client().close();
    p.server().close();
    f.spin();
    assertTrue(p.client().closed() && p.server().closed());
    assertEquals(before, sockets(fds), "sockets open after closing both TLS streams");
  }

  private static long sockets(Path fds) throws IOException {
    try (Stream<Path> list = Files.list(fds)) {
      return list.filter(fd -> {
        try {
          return Files.readSymbolicLink(fd).toString().startsWith("socket:");
        } catch (IOException gone) {
          return false;
        }
      }).count();
    }
  }

  @Test
  void aPlainClientTalkingToATlsServer() throws IOException {
    CompletableFuture<SocketHandle> accepted = f.accept();
    IOStream plain = f.await(IOStream.connect(f.loop, f.address()));
    SslIOStream server = new SslIOStream(f.loop, f.await(accepted), serverTls(),
        StreamOptions.DEFAULTS);
    int port = ((InetSocketAddress) plain.localAddress()).getPort();
    // The failure is logged as a warning naming the peer.
    try (ExpectLog logged = ExpectLog.expect(SslIOStream.class.getName(),
        "TLS handshake with .*:" + port + " failed", true, Level.WARN)) {
      plain.write(b("GET / HTTP/1.0\r\nHost: localhost\r\n\r\n"));
      Throwable t = failure(server.waitForHandshake());
      assertInstanceOf(StreamClosedException.class, t);
      assertInstanceOf(SSLException.class, t.getCause());
      assertSame(server.error(), t.getCause());
      assertTrue(server.closed());
    }
    // The client gets the server's alert (or nothing) and the end of the stream.
    f.await(plain.readUntilClose().handle((v, t) -> null));
    assertTrue(plain.closed());
  }
}
