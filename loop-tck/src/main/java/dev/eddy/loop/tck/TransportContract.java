package dev.eddy.loop.tck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.eddy.loop.spi.ConnectOptions;
import dev.eddy.loop.spi.ListenOptions;
import dev.eddy.loop.spi.PipeHandles;
import dev.eddy.loop.spi.PollEvents;
import dev.eddy.loop.spi.PollKey;
import dev.eddy.loop.spi.Poller;
import dev.eddy.loop.spi.PollerProvider;
import dev.eddy.loop.spi.ServerSocketHandle;
import dev.eddy.loop.spi.SocketHandle;
import dev.eddy.loop.spi.StreamHandle;
import dev.eddy.loop.spi.Transport;
import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The transport contract: sockets and pipes made by a backend's {@link Transport}, checked through
 * the SPI only. Subclass it with the backend's provider, as {@link PollerContract} says.
 */
@ExtendWith(ResourceLeakCheck.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
public abstract class TransportContract {

  /** The backend under test. */
  protected abstract PollerProvider provider();

  private static final int MIB = 1 << 20;

  protected PollerProvider provider;
  protected Transport transport;
  protected Connections net;

  @BeforeEach
  void open() {
    provider = provider();
    assumeTrue(provider.isAvailable(), () -> "backend " + provider.name()
        + " is not available here: " + provider.unavailabilityCause());
    transport = provider.transport();
    net = new Connections(provider);
  }

  @AfterEach
  void closeAll() throws Exception {
    if (net != null) {
      net.close();
    }
  }

  @Test
  void portZeroGivesARealPort() throws IOException {
    ServerSocketHandle listener = net.listen();
    InetSocketAddress bound = (InetSocketAddress) listener.localAddress();
    assertTrue(bound.getPort() > 0, "port 0 was replaced by a real one: " + bound);
    assertEquals(InetAddress.getLoopbackAddress(), bound.getAddress());
    assertNull(listener.accept(), "nothing pending: accept gives null");
    listener.close();
    assertNull(listener.localAddress(), "closed: no address");
    assertFalse(listener.isOpen());
  }

  @Test
  void connectAcceptReadWriteBothWays() throws IOException {
    SocketHandle[] pair = net.pair();
    net.writeFully(pair[0], ByteBuffer.wrap("ping".getBytes(StandardCharsets.US_ASCII)));
    assertEquals("ping", ascii(net.readFully(pair[1], 4)));
    net.writeFully(pair[1], ByteBuffer.wrap("pong!".getBytes(StandardCharsets.US_ASCII)));
    assertEquals("pong!", ascii(net.readFully(pair[0], 5)));
  }

  @Test
  void heapAndDirectBuffersBothWork() throws IOException {
    SocketHandle[] pair = net.pair();
    ByteBuffer heap = ByteBuffer.wrap(new byte[] {1, 2, 3, 4});
    heap.position(1);
    net.writeFully(pair[0], heap);
    ByteBuffer into = ByteBuffer.allocate(8);
    into.position(2);
    int total = 0;
    while (total < 3) {
      int r = pair[1].read(into);
      if (r == 0) {
        net.awaitReady(pair[1], Poller.READ);
      }
      total += Math.max(0, r);
    }
    assertArrayEquals(new byte[] {0, 0, 2, 3, 4, 0, 0, 0}, into.array());
  }

  @Test
  void endOfStreamAfterPeerCloses() throws IOException {
    SocketHandle[] pair = net.pair();
    net.writeFully(pair[0], ByteBuffer.wrap(new byte[] {5}));
    pair[0].close();
    assertEquals(5, net.readFully(pair[1], 1).get(0), "data before the close is delivered");
    net.awaitEof(pair[1]);
    assertEquals(-1, pair[1].read(ByteBuffer.allocate(4)), "end of stream stays");
  }

  @Test
  void readAndWriteReturnZeroWhenTheyWouldBlock() throws IOException {
    SocketHandle[] pair = net.pair();
    assertEquals(0, pair[1].read(ByteBuffer.allocateDirect(64)), "no data: 0, not -1");
    pair[0].setOption(StandardSocketOptions.SO_SNDBUF, 64 * 1024);
    pair[1].setOption(StandardSocketOptions.SO_RCVBUF, 64 * 1024);
    ByteBuffer chunk = ByteBuffer.allocateDirect(64 * 1024);
    long written = 0;
    int n;
    while ((n = pair[0].write(chunk.clear())) > 0) {
      written += n;
      assertTrue(written < 256L * MIB, "the socket never filled up");
    }
    assertEquals(0, n, "full: write returns 0");
    assertTrue(written > 0);
  }

  @Test
  void halfCloseLetsTheOtherDirectionGoOn() throws IOException {
    SocketHandle[] pair = net.pair();
    net.writeFully(pair[0], ByteBuffer.wrap(new byte[] {1, 2}));
    pair[0].shutdownOutput();
    assertEquals(2, net.readFully(pair[1], 2).get(1));
    net.awaitEof(pair[1]);
    net.writeFully(pair[1], ByteBuffer.wrap("after".getBytes(StandardCharsets.US_ASCII)));
    pair[1].shutdownOutput();
    assertEquals("after", ascii(net.readFully(pair[0], 5)));
    net.awaitEof(pair[0]);
    assertThrows(IOException.class, () -> pair[0].write(ByteBuffer.wrap(new byte[] {1})),
        "writing after shutdownOutput fails");
  }

  @Test
  void gatheringWriteSendsThePartsInOrder() throws IOException {
    SocketHandle[] pair = net.pair();
    ByteBuffer[] parts = {
      ByteBuffer.wrap("HTTP/1.1 200 OK\r\n".getBytes(StandardCharsets.US_ASCII)),
      ByteBuffer.allocateDirect(0),
      ByteBuffer.wrap("\r\n".getBytes(StandardCharsets.US_ASCII)),
      ByteBuffer.wrap("body".getBytes(StandardCharsets.US_ASCII)),
    };
    long total = 0;
    for (ByteBuffer p : parts) {
      total += p.remaining();
    }
    long written = 0;
    while (written < total) {
      long n = pair[0].write(parts, 0, parts.length);
      if (n == 0) {
        net.awaitReady(pair[0], Poller.WRITE);
      }
      written += n;
    }
    assertEquals("HTTP/1.1 200 OK\r\n\r\nbody", ascii(net.readFully(pair[1], (int) total)));
  }

  @Test
  void gatheringWriteOfMoreBuffersThanTheKernelTakesIsAShortWrite() throws IOException {
    SocketHandle[] pair = net.pair();
    ByteBuffer[] bytes = new ByteBuffer[2000]; // more than IOV_MAX (1024)
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = ByteBuffer.allocateDirect(1).put(0, (byte) i);
    }
    long written = 0;
    long deadline = System.nanoTime() + Connections.WAIT_NANOS;
    while (written < bytes.length) {
      assertTrue(System.nanoTime() - deadline < 0, "gathering writes stalled after " + written
          + " of " + bytes.length + " bytes");
      long n = pair[0].write(bytes, 0, bytes.length);
      if (n == 0) {
        net.awaitReady(pair[0], Poller.WRITE);
      }
      written += n;
    }
    ByteBuffer got = net.readFully(pair[1], bytes.length);
    for (int i = 0; i < bytes.length; i++) {
      assertEquals((byte) i, got.get(i), "byte " + i);
    }
  }

  @Test
  void sixteenMebibytesBothWaysArriveIntact() throws IOException {
    SocketHandle[] pair = net.pair();
    byte[] up = new byte[16 * MIB];
    byte[] down = new byte[16 * MIB];
    new Random(1).nextBytes(up);
    new Random(2).nextBytes(down);
    Transfer a = new Transfer(pair[0], up);
    Transfer b = new Transfer(pair[1], down);
    try (Poller p = provider.open()) {
      Transfer.run(p, a, b);
    }
    assertEquals(Transfer.crc(up), b.receivedCrc(), "client to server checksum");
    assertEquals(Transfer.crc(down), a.receivedCrc(), "server to client checksum");
  }

  @Test
  void addressesOfBothEndsMatch() throws IOException {
    ServerSocketHandle listener = net.listen();
    SocketHandle[] pair = net.pair(listener);
    assertEquals(listener.localAddress(), pair[0].remoteAddress());
    assertEquals(pair[0].localAddress(), pair[1].remoteAddress());
    assertEquals(pair[1].localAddress(), pair[0].remoteAddress());
    assertTrue(pair[0].isConnected() && pair[1].isConnected());
  }

  @Test
  void failedConnectReportsTheOperatingSystemsReason() throws IOException {
    ServerSocketHandle gone = net.listen();
    SocketAddress address = gone.localAddress();
    gone.close();
    ConnectException e = assertThrows(ConnectException.class, () -> {
      SocketHandle s = net.connect(address);
      net.finishConnect(s);
    });
    String message = e.getMessage().toLowerCase();
    assertTrue(message.contains("refused"), "names the errno: " + e.getMessage());
    assertTrue(message.contains(String.valueOf(((InetSocketAddress) address).getPort())),
        "names the address: " + e.getMessage());
  }

  @Test
  void connectCanBindALocalAddressFirst() throws IOException {
    ServerSocketHandle listener = net.listen();
    SocketHandle client = net.track(transport.connect(listener.localAddress(),
        ConnectOptions.bindTo(Connections.loopback(0))));
    SocketHandle server = net.acceptOne(listener);
    net.finishConnect(client);
    InetSocketAddress local = (InetSocketAddress) client.localAddress();
    assertEquals(InetAddress.getLoopbackAddress(), local.getAddress());
    assertEquals(local, server.remoteAddress());
  }

  @Test
  void addressInUseIsABindExceptionNamingTheAddress() throws IOException {
    ServerSocketHandle first = net.listen();
    BindException e = assertThrows(BindException.class, () -> net.track(transport.listen(
        first.localAddress(), ListenOptions.DEFAULTS)));
    assertTrue(e.getMessage().contains(String.valueOf(
        ((InetSocketAddress) first.localAddress()).getPort())), e.getMessage());
  }

  @Test
  void reusePortLetsTwoListenersShareAPort() throws IOException {
    ListenOptions shared = ListenOptions.DEFAULTS.withReusePort(true);
    ServerSocketHandle first;
    try {
      first = net.track(transport.listen(Connections.loopback(0), shared));
    } catch (UnsupportedOperationException e) {
      assumeTrue(!System.getProperty("os.name").toLowerCase().contains("linux"),
          "Linux has SO_REUSEPORT, so the backend must support it: " + e.getMessage());
      return;
    }
    ServerSocketHandle second = net.track(transport.listen(first.localAddress(), shared));
    assertEquals(first.localAddress(), second.localAddress());
  }

  @Test
  void unresolvedOrForeignAddressesAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> net.track(transport.connect(
        InetSocketAddress.createUnresolved("localhost", 80), ConnectOptions.DEFAULTS)));
    assertThrows(IllegalArgumentException.class, () -> net.track(transport.listen(
        new SocketAddress() { }, ListenOptions.DEFAULTS)));
  }

  @Test
  void socketOptionsCanBeSetAndRead() throws IOException {
    SocketHandle[] pair = net.pair();
    SocketHandle s = pair[0];
    s.setOption(StandardSocketOptions.TCP_NODELAY, true);
    assertTrue(s.getOption(StandardSocketOptions.TCP_NODELAY));
    s.setOption(StandardSocketOptions.TCP_NODELAY, false);
    assertFalse(s.getOption(StandardSocketOptions.TCP_NODELAY));
    s.setOption(StandardSocketOptions.SO_KEEPALIVE, true);
    assertTrue(s.getOption(StandardSocketOptions.SO_KEEPALIVE));
    s.setOption(StandardSocketOptions.SO_RCVBUF, 128 * 1024);
    assertTrue(s.getOption(StandardSocketOptions.SO_RCVBUF) >= 64 * 1024);
    s.setOption(StandardSocketOptions.SO_SNDBUF, 128 * 1024);
    assertTrue(s.getOption(StandardSocketOptions.SO_SNDBUF) >= 64 * 1024);
    s.setOption(StandardSocketOptions.SO_LINGER, 5);
    assertEquals(5, s.getOption(StandardSocketOptions.SO_LINGER));
  }

  @Test
  void ipv6LoopbackWorksWhereTheMachineHasIt() throws IOException {
    assumeTrue(hasIpv6Loopback(), "this machine has no IPv6 loopback address (::1)");
    ServerSocketHandle listener = net.track(transport.listen(
        new InetSocketAddress(InetAddress.getByName("::1"), 0), ListenOptions.DEFAULTS));
    SocketHandle[] pair = net.pair(listener);
    assertTrue(((InetSocketAddress) pair[0].localAddress()).getAddress() instanceof Inet6Address);
    net.writeFully(pair[0], ByteBuffer.wrap(new byte[] {6}));
    assertEquals(6, net.readFully(pair[1], 1).get(0));
  }

  /**
   * Whether the backend can make an IPv6 listener refuse IPv4 peers ({@code IPV6_V6ONLY}). The
   * nio backend cannot (the JDK has no such option) and overrides this with false; the suite then
   * checks that asking for it fails with {@link UnsupportedOperationException}.
   */
  protected boolean supportsIpv6Only() {
    return true;
  }

  @Test
  void ipv6ListenersAreDualStackUnlessAskedOtherwise() throws IOException {
    assumeTrue(hasIpv6Loopback(), "this machine has no IPv6 loopback address (::1)");
    InetSocketAddress any6 = new InetSocketAddress(InetAddress.getByName("::"), 0);
    ServerSocketHandle dual = net.track(transport.listen(any6, ListenOptions.DEFAULTS));
    int port = ((InetSocketAddress) dual.localAddress()).getPort();
    SocketHandle[] viaIpv4 = net.pair(dual, Connections.loopback(port));
    assertTrue(viaIpv4[0].isConnected(), "an IPv4 peer reaches a dual-stack IPv6 listener");
    dual.close();

    ListenOptions v6only = ListenOptions.DEFAULTS.withIpv6Only(true);
    if (!supportsIpv6Only()) {
      assertThrows(UnsupportedOperationException.class,
          () -> net.track(transport.listen(any6, v6only)));
      return;
    }
    ServerSocketHandle only = net.track(transport.listen(any6, v6only));
    int port6 = ((InetSocketAddress) only.localAddress()).getPort();
    assertThrows(ConnectException.class, () -> {
      SocketHandle s = net.connect(Connections.loopback(port6));
      net.finishConnect(s);
    }, "an IPv4 peer is refused by an IPv6-only listener");
    SocketHandle[] viaIpv6 = net.pair(only,
        new InetSocketAddress(InetAddress.getByName("::1"), port6));
    assertTrue(viaIpv6[1].isConnected());
  }

  @Test
  void unixDomainStreamSockets(@TempDir Path dir) throws IOException {
    Path path = dir.resolve("eddy.sock");
    UnixDomainSocketAddress address = UnixDomainSocketAddress.of(path);
    ServerSocketHandle listener = net.track(transport.listen(address, ListenOptions.DEFAULTS));
    assertTrue(Files.exists(path), "the socket file exists while listening");
    SocketHandle[] pair = net.pair(listener);
    net.writeFully(pair[0], ByteBuffer.wrap("unix".getBytes(StandardCharsets.US_ASCII)));
    assertEquals("unix", ascii(net.readFully(pair[1], 4)));
    assertThrows(UnsupportedOperationException.class,
        () -> pair[0].setOption(StandardSocketOptions.TCP_NODELAY, true));
    pair[0].shutdownOutput();
    net.awaitEof(pair[1]);
    listener.close();
    assertFalse(Files.exists(path), "closing the listener removes its socket file");
    // ...so the path can be bound again.
    net.track(transport.listen(address, ListenOptions.DEFAULTS)).close();
  }

  @Test
  void pipeCarriesBytesAndEndsWhenTheSinkCloses() throws IOException {
    PipeHandles pipe;
    try {
      pipe = transport.pipe();
    } catch (UnsupportedOperationException e) {
      assumeTrue(false, "backend has no pipes here: " + e.getMessage());
      return;
    }
    net.track(pipe.source());
    net.track(pipe.sink());
    StreamHandle source = pipe.source();
    StreamHandle sink = pipe.sink();
    assertEquals(0, source.read(ByteBuffer.allocate(4)), "empty pipe: would block");
    assertEquals(3, sink.write(ByteBuffer.wrap(new byte[] {1, 2, 3})));
    ByteBuffer got = ByteBuffer.allocate(8);
    try (Poller p = provider.open()) {
      PollKey k = p.register(source, Poller.READ, null);
      Connections.pollUntil(p, k, Poller.READ);
      assertEquals(3, source.read(got));
      sink.close();
      Connections.pollUntil(p, k, Poller.READ);
      assertEquals(-1, source.read(got), "end of stream once the sink is closed");
    }
    assertThrows(IOException.class, () -> source.write(ByteBuffer.wrap(new byte[] {1})));
    assertThrows(IOException.class, () -> sink.read(ByteBuffer.allocate(1)));
  }

  @Test
  void closeIsIdempotentAndIoAfterCloseFailsClearly() throws IOException {
    SocketHandle[] pair = net.pair();
    pair[0].close();
    pair[0].close();
    assertFalse(pair[0].isOpen());
    IOException e = assertThrows(IOException.class,
        () -> pair[0].write(ByteBuffer.wrap(new byte[] {1})));
    assertNotNull(e.getMessage(), "the error says what is wrong");
    assertThrows(IOException.class, () -> pair[0].read(ByteBuffer.allocate(1)));
    assertNull(pair[0].remoteAddress());
  }

  private static boolean hasIpv6Loopback() {
    try {
      NetworkInterface lo = NetworkInterface.getByInetAddress(InetAddress.getByName("::1"));
      return lo != null;
    } catch (IOException e) {
      return false;
    }
  }

  private static String ascii(ByteBuffer b) {
    byte[] bytes = new byte[b.remaining()];
    b.get(bytes);
    return new String(bytes, StandardCharsets.US_ASCII);
  }

}
