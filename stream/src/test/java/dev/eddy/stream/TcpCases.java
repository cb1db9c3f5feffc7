package dev.eddy.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.loop.IOLoop;
import dev.eddy.loop.PollerSelection;
import dev.eddy.loop.spi.ListenOptions;
import dev.eddy.loop.spi.PollerProvider;
import dev.eddy.loop.spi.ServerSocketHandle;
import dev.eddy.loop.tck.ResourceLeakCheck;
import dev.eddy.testing.SelfSignedCertificate;
import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * TcpServer, TcpClient and the loop group on one backend, after Tornado's tcpserver and tcpclient
 * tests; a subclass per backend runs them.
 */
@ExtendWith(ResourceLeakCheck.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
abstract class TcpCases {

  abstract String backend();

  StreamFixture f;

  @BeforeAll
  static void probeBackends() {
    PollerSelection.all().forEach(PollerProvider::isAvailable);
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

  /** Echoes lines until the peer closes. */
  static StreamHandler echo() {
    return (stream, address) -> echoLines(stream);
  }

  static CompletableFuture<Void> echoLines(IOStream stream) {
    return stream.readUntil(b("\n"))
        .thenCompose(line -> stream.write(line))
        .thenCompose(v -> echoLines(stream))
        .exceptionally(e -> {
          stream.close();
          return null;
        });
  }

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

  int port(List<SocketAddress> addresses) {
    return ((InetSocketAddress) addresses.get(0)).getPort();
  }

  String roundTrip(IOStream stream, String line) {
    f.await(stream.write(b(line + "\n")));
    return s(f.await(stream.readUntil(b("\n")))).trim();
  }

  @Test
  void echoServerAndClient() throws IOException {
    TcpServer server = new TcpServer(f.loop, echo());
    int port = port(server.listen(0, "127.0.0.1"));
    TcpClient client = new TcpClient(f.loop);
    IOStream c = f.await(client.connect("127.0.0.1", port));
    assertEquals("hello", roundTrip(c, "hello"));
    assertEquals("again", roundTrip(c, "again"));
    c.close();
    server.stop();
    f.spin();
  }

  @Test
  void listeningOnEveryInterfaceAcceptsLoopback() throws IOException {
    TcpServer server = new TcpServer(f.loop, echo());
    int port = port(server.listen(0));
    IOStream c = f.await(new TcpClient(f.loop).connect("127.0.0.1", port));
    assertEquals("x", roundTrip(c, "x"));
    c.close();
    server.stop();
  }

  @Test
  void aHandlerThatThrowsClosesItsConnectionAndTheServerGoesOn() throws IOException {
    int[] calls = {0};
    TcpServer server = new TcpServer(f.loop, (stream, address) -> {
      if (calls[0]++ == 0) {
        throw new IllegalStateException("thrown on purpose by the test");
      }
      return echoLines(stream);
    });
    int port = port(server.listen(0, "127.0.0.1"));
    TcpClient client = new TcpClient(f.loop);
    IOStream first = f.await(client.connect("127.0.0.1", port));
    assertInstanceOf(StreamClosedException.class, failure(first.readBytes(1)));
    IOStream second = f.await(client.connect("127.0.0.1", port));
    assertEquals("ok", roundTrip(second, "ok"));
    first.close();
    second.close();
    server.stop();
  }

  @Test
  void aHandlerWhoseStageFailsClosesItsConnection() throws IOException {
    TcpServer server = new TcpServer(f.loop, (stream, address) ->
        stream.readUntil(b("\n")).thenApply(line -> {
          throw new IllegalStateException("failed on purpose by the test");
        }));
    int port = port(server.listen(0, "127.0.0.1"));
    IOStream c = f.await(new TcpClient(f.loop).connect("127.0.0.1", port));
    f.await(c.write(b("boom\n")));
    assertInstanceOf(StreamClosedException.class, failure(c.readBytes(1)));
    c.close();
    server.stop();
  }

  @Test
  void aSubclassOverridesHandleStream() throws IOException {
    TcpServer server = new TcpServer(f.loop, StreamOptions.DEFAULTS) {
      @Override
      protected java.util.concurrent.CompletionStage<?> handleStream(IOStream stream,
          SocketAddress address) {
        return stream.write(b("hi " + ((InetSocketAddress) address).getAddress()
            .getHostAddress() + "\n")).thenRun(stream::close);
      }
    };
    int port = port(server.listen(0, "127.0.0.1"));
    IOStream c = f.await(new TcpClient(f.loop).connect("127.0.0.1", port));
    assertEquals("hi 127.0.0.1\n", s(f.await(c.readUntil(b("\n")))));
    c.close();
    server.stop();
  }

  @Test
  void stopTwiceKeepsConnectionsAndRefusesNewOnes() throws IOException {
    // Tornado's test_stop_twice, and stop() leaving accepted connections alone.
    TcpServer server = new TcpServer(f.loop, echo());
    int port = port(server.listen(0, "127.0.0.1"));
    TcpClient client = new TcpClient(f.loop);
    IOStream c = f.await(client.connect("127.0.0.1", port));
    assertEquals("before", roundTrip(c, "before"));
    server.stop();
    server.stop();
    assertEquals(List.of(), server.addresses());
    assertEquals("after", roundTrip(c, "after"));
    assertInstanceOf(ConnectException.class, failure(client.connect("127.0.0.1", port)));
    assertThrows(IllegalStateException.class, () -> server.listen(0, "127.0.0.1"));
    c.close();
  }

  @Test
  void aTlsServerAndClient() throws IOException {
    TcpServer server = new TcpServer(f.loop, echo(), StreamOptions.DEFAULTS,
        TlsOptions.server(SelfSignedCertificate.serverContext()));
    int port = port(server.listen(0, "127.0.0.1"));
    TcpClient client = new TcpClient(f.loop);
    IOStream c = f.await(client.connect("localhost", port, ClientOptions.DEFAULTS.withTls(
        TlsOptions.client(SelfSignedCertificate.clientContext(), "localhost"))));
    assertInstanceOf(SslIOStream.class, c);
    assertEquals("secret", roundTrip(c, "secret"));
    c.close();
    // The host connected to is the name verified when the options name none.
    IOStream byName = f.await(client.connect("localhost", port, ClientOptions.DEFAULTS.withTls(
        TlsOptions.client(SelfSignedCertificate.clientContext(), "localhost")
            .withServerHostname(null))));
    assertEquals("named", roundTrip(byName, "named"));
    byName.close();
    // A name the certificate does not carry fails the handshake, with the reason.
    Resolver wrongName = OverrideResolver.builder(Resolver.system())
        .map("wrong.example", "127.0.0.1").build();
    Throwable t = failure(new TcpClient(f.loop, wrongName).connect("wrong.example", port,
        ClientOptions.DEFAULTS.withTls(TlsOptions.client(SelfSignedCertificate.clientContext(),
            "wrong.example"))));
    assertInstanceOf(javax.net.ssl.SSLException.class, t, String.valueOf(t));
    server.stop();
    f.spin();
  }

  @Test
  void listeningOnAPortInUseFailsAndLeavesNothingOpen() throws IOException {
    TcpServer first = new TcpServer(f.loop, echo());
    int port = port(first.listen(0, "127.0.0.1"));
    TcpServer second = new TcpServer(f.loop, echo());
    BindException e = assertThrows(BindException.class, () -> second.listen(port, "127.0.0.1"));
    assertTrue(e.getMessage().contains(String.valueOf(port)), e.getMessage());
    assertEquals(List.of(), second.addresses());
    first.stop();
  }

  @Test
  void connectionRefusedIsTheConnectException() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Throwable t = failure(new TcpClient(f.loop).connect("127.0.0.1", port));
    assertInstanceOf(ConnectException.class, t);
  }

  @Test
  void anUnknownHostFailsNamingIt() {
    Resolver failing = (host, port, family) -> CompletableFuture.failedFuture(
        new UnknownHostException("cannot resolve " + host + ": test resolver"));
    Throwable t = failure(new TcpClient(f.loop, failing).connect("nosuch.test", 80));
    assertInstanceOf(UnknownHostException.class, t);
    assertTrue(t.getMessage().contains("nosuch.test"), t.getMessage());
  }

  @Test
  void anOverrideResolverMapsANameToTheServer() throws IOException {
    TcpServer server = new TcpServer(f.loop, echo());
    int port = port(server.listen(0, "127.0.0.1"));
    Resolver mapped = OverrideResolver.builder(Resolver.system())
        .map("service.test", 80, "127.0.0.1", port).build();
    IOStream c = f.await(new TcpClient(f.loop, mapped).connect("service.test", 80));
    assertEquals("mapped", roundTrip(c, "mapped"));
    c.close();
    server.stop();
  }

  @Test
  void theTimeoutCoversResolving() {
    Resolver never = (host, port, family) -> new CompletableFuture<>();
    Throwable t = failure(new TcpClient(f.loop, never).connect("slow.test", 80,
        ClientOptions.DEFAULTS.withTimeout(Duration.ofMillis(100))));
    assertInstanceOf(TimeoutException.class, t);
    assertTrue(t.getMessage().contains("slow.test:80"), t.getMessage());
  }

  @Test
  void happyEyeballsFallsBackToTheOtherFamily() throws IOException {
    // The name resolves to ::1 first, where nothing listens (or IPv6 is off), and to 127.0.0.1.
    TcpServer server = new TcpServer(f.loop, echo());
    int port = port(server.listen(0, "127.0.0.1"));
    Resolver both = (host, p, family) -> CompletableFuture.completedFuture(List.of(
        new InetSocketAddress("::1", p), new InetSocketAddress("127.0.0.1", p)));
    IOStream c = f.await(new TcpClient(f.loop, both).connect("dual.test", port));
    assertEquals(new InetSocketAddress("127.0.0.1", port), c.remoteAddress());
    c.close();
    server.stop();
  }

  @Test
  void theSourceAddressIsBound() throws IOException {
    CompletableFuture<SocketAddress> seen = new CompletableFuture<>();
    TcpServer server = new TcpServer(f.loop, (stream, address) -> {
      seen.complete(address);
      stream.close();
      return null;
    });
    int port = port(server.listen(0, "127.0.0.1"));
    IOStream c = f.await(new TcpClient(f.loop).connect("127.0.0.1", port,
        ClientOptions.DEFAULTS.withSource(InetAddress.getByName("127.0.0.1"), 0)));
    assertEquals(c.localAddress(), f.await(seen));
    c.close();
    server.stop();
  }

  @Test
  void unixDomainServer(@TempDir Path dir) throws IOException {
    UnixDomainSocketAddress path = UnixDomainSocketAddress.of(dir.resolve("s.sock"));
    TcpServer server = new TcpServer(f.loop, echo());
    ServerSocketHandle l = f.loop.transport().listen(path, ListenOptions.DEFAULTS);
    server.addSocket(l);
    IOStream c = f.await(IOStream.connect(f.loop, path));
    assertEquals("unix", roundTrip(c, "unix"));
    c.close();
    server.stop();
  }

  @Test
  void aServerGroupOnEveryLoopWithReusePort() throws IOException {
    servesFromEveryLoop(TcpServerGroup.Mode.REUSE_PORT, false);
  }

  @Test
  void aServerGroupWithOneAcceptor() throws IOException {
    servesFromEveryLoop(TcpServerGroup.Mode.ACCEPTOR, true);
  }

  private void servesFromEveryLoop(TcpServerGroup.Mode mode, boolean everyLoopUsed)
      throws IOException {
    PollerProvider provider = PollerSelection.named(backend());
    Set<String> threads = ConcurrentHashMap.newKeySet();
    try (LoopGroup group = LoopGroup.start(2, provider)) {
      TcpServerGroup servers = TcpServerGroup.listen(group, 0, "127.0.0.1",
          loop -> (stream, address) -> {
            threads.add(Thread.currentThread().getName());
            assertTrue(loop.inLoopThread());
            return echoLines(stream);
          }, StreamOptions.DEFAULTS, mode);
      assertEquals(mode, servers.mode());
      int port = port(servers.addresses());
      TcpClient client = new TcpClient(f.loop);
      List<IOStream> clients = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        IOStream c = f.await(client.connect("127.0.0.1", port));
        assertEquals("n" + i, roundTrip(c, "n" + i));
        clients.add(c);
      }
      clients.forEach(IOStream::close);
      servers.stop();
      servers.stop();
      if (everyLoopUsed) {
        assertEquals(Set.of("eddy-loop-0", "eddy-loop-1"), threads);
      } else {
        assertTrue(threads.stream().allMatch(t -> t.startsWith("eddy-loop-")), threads::toString);
      }
    }
  }

  @Test
  void aLoopGroupRefusesZeroLoops() {
    assertThrows(IllegalArgumentException.class, () -> LoopGroup.start(0));
  }

  @Test
  void aLoopGroupRunsEachLoopOnItsThread() {
    try (LoopGroup group = LoopGroup.start(3, PollerSelection.named(backend()))) {
      assertEquals(3, group.size());
      List<IOLoop> seen = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        seen.add(group.next());
      }
      assertEquals(group.loops(), seen.subList(0, 3));
      assertEquals(group.loops(), seen.subList(3, 6));
      CompletableFuture<String> name = new CompletableFuture<>();
      group.loops().get(2).addCallback(() -> name.complete(Thread.currentThread().getName()));
      assertEquals("eddy-loop-2", name.join());
    }
  }
}
