package dev.eddy.loop.tck;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.loop.spi.ConnectOptions;
import dev.eddy.loop.spi.ListenOptions;
import dev.eddy.loop.spi.PollEvents;
import dev.eddy.loop.spi.PollKey;
import dev.eddy.loop.spi.Poller;
import dev.eddy.loop.spi.PollerProvider;
import dev.eddy.loop.spi.PollHandle;
import dev.eddy.loop.spi.ServerSocketHandle;
import dev.eddy.loop.spi.SocketHandle;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Test fixtures for the contract suites: connected socket pairs made through a backend's own
 * transport, with a private poller to wait on, and a record of every handle opened so that a test
 * closes them all (in reverse order) at the end. Not thread-safe.
 */
final class Connections implements AutoCloseable {

  static final long WAIT_NANOS = 10_000_000_000L;

  private final PollerProvider provider;
  private final Deque<Closeable> opened = new ArrayDeque<>();
  private Poller waiter;

  Connections(PollerProvider provider) {
    this.provider = provider;
  }

  /** Remembers a handle (or poller) to close at the end; returns it. */
  <T extends Closeable> T track(T resource) {
    opened.push(resource);
    return resource;
  }

  static InetSocketAddress loopback(int port) {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
  }

  ServerSocketHandle listen() throws IOException {
    return track(provider.transport().listen(loopback(0), ListenOptions.DEFAULTS));
  }

  SocketHandle connect(SocketAddress address) throws IOException {
    return track(provider.transport().connect(address, ConnectOptions.DEFAULTS));
  }

  /** A connected pair over loopback TCP: [client, server side]. */
  SocketHandle[] pair() throws IOException {
    ServerSocketHandle listener = listen();
    return pair(listener);
  }

  /** A connected pair through {@code listener}: [client, server side]. */
  SocketHandle[] pair(ServerSocketHandle listener) throws IOException {
    return pair(listener, listener.localAddress());
  }

  /** A connected pair through {@code listener}, reached at {@code address}. */
  SocketHandle[] pair(ServerSocketHandle listener, SocketAddress address) throws IOException {
    SocketHandle client = connect(address);
    SocketHandle server = acceptOne(listener);
    finishConnect(client);
    return new SocketHandle[] {client, server};
  }

  /** Waits (on a private poller, bounded) for one connection and accepts it. */
  SocketHandle acceptOne(ServerSocketHandle listener) throws IOException {
    SocketHandle s = listener.accept();
    if (s == null) {
      awaitReady(listener, Poller.READ);
      s = listener.accept();
    }
    assertNotNull(s, "a connection was reported ready but accept() returned null");
    return track(s);
  }

  /** Waits (bounded) until a connecting socket's connect completes; fails if it failed. */
  void finishConnect(SocketHandle client) throws IOException {
    if (client.finishConnect()) {
      return;
    }
    awaitReady(client, Poller.WRITE);
    assertTrue(client.finishConnect(), "connect still pending after WRITE was reported");
  }

  /** Waits (bounded) on a private poller until {@code handle} reports one of {@code events}. */
  int awaitReady(PollHandle handle, int events) throws IOException {
    Poller p = waiter();
    PollKey key = p.register(handle, events & (Poller.READ | Poller.WRITE), null);
    try {
      return pollUntil(p, key, events);
    } finally {
      p.unregister(key);
    }
  }

  /** Polls {@code p} (bounded) until {@code key} reports one of {@code events} (or ERROR). */
  static int pollUntil(Poller p, PollKey key, int events) throws IOException {
    PollEvents out = new PollEvents(64);
    long deadline = System.nanoTime() + WAIT_NANOS;
    while (System.nanoTime() - deadline < 0) {
      p.poll(100_000_000L, out);
      for (int i = 0; i < out.size(); i++) {
        if (out.key(i) == key && (out.events(i) & (events | Poller.ERROR)) != 0) {
          return out.events(i);
        }
      }
    }
    throw new AssertionError("no event " + events + " for " + key.handle() + " within "
        + WAIT_NANOS / 1_000_000 + " ms");
  }

  /** Writes all of {@code data}, waiting for WRITE when the socket would block. */
  void writeFully(SocketHandle s, ByteBuffer data) throws IOException {
    while (data.hasRemaining()) {
      if (s.write(data) == 0) {
        awaitReady(s, Poller.WRITE);
      }
    }
  }

  /** Reads exactly {@code n} bytes, waiting for READ when the socket would block. */
  ByteBuffer readFully(SocketHandle s, int n) throws IOException {
    ByteBuffer buf = ByteBuffer.allocateDirect(n);
    while (buf.hasRemaining()) {
      int r = s.read(buf);
      if (r < 0) {
        throw new AssertionError("end of stream after " + buf.position() + " of " + n + " bytes");
      }
      if (r == 0) {
        awaitReady(s, Poller.READ);
      }
    }
    return buf.flip();
  }

  /** Reads until end of stream is seen (bounded), expecting no data. */
  void awaitEof(SocketHandle s) throws IOException {
    ByteBuffer buf = ByteBuffer.allocateDirect(256);
    long deadline = System.nanoTime() + WAIT_NANOS;
    while (System.nanoTime() - deadline < 0) {
      int r = s.read(buf);
      if (r < 0) {
        return;
      }
      if (r > 0) {
        throw new AssertionError("expected end of stream, read " + r + " bytes");
      }
      awaitReady(s, Poller.READ);
    }
    throw new AssertionError("no end of stream within " + WAIT_NANOS / 1_000_000 + " ms");
  }

  private Poller waiter() throws IOException {
    if (waiter == null) {
      waiter = provider.open();
    }
    return waiter;
  }

  /** Closes every tracked handle, newest first, then the private poller. */
  @Override
  public void close() throws IOException {
    IOException first = null;
    while (!opened.isEmpty()) {
      try {
        opened.pop().close();
      } catch (IOException e) {
        first = first == null ? e : first;
      }
    }
    if (waiter != null) {
      waiter.close();
      waiter = null;
    }
    if (first != null) {
      throw first;
    }
  }
}
