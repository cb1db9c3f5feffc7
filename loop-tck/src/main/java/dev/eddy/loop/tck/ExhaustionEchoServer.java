package dev.eddy.loop.tck;

import dev.eddy.loop.IOLoop;
import dev.eddy.loop.spi.ListenOptions;
import dev.eddy.loop.spi.PollHandle;
import dev.eddy.loop.spi.ServerSocketHandle;
import dev.eddy.loop.spi.SocketHandle;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The echo server of {@link DescriptorExhaustionScenario}, on 127.0.0.1 and a free port: it sends
 * back whatever a connection sends, and closes a connection when its peer closes it or it fails.
 * It counts how often its listener was reported ready, which tells a spinning loop from an idle
 * one.
 *
 * <p>Threading: everything, creation included, runs on the loop's thread. Errors: an {@code
 * accept} that throws is counted and its first occurrence logged, and the listener stays
 * registered (so a backend that cannot make progress shows as a spinning loop); a connection whose
 * read or write fails is closed.
 */
final class ExhaustionEchoServer {

  private static final Logger log = LoggerFactory.getLogger(ExhaustionEchoServer.class);

  private final IOLoop loop;
  private final ServerSocketHandle listener;
  private final SocketAddress address;
  /** Open connections, each with the echo it still has to write (empty when none). */
  private final Map<SocketHandle, ByteBuffer> connections = new HashMap<>();
  private final List<Waiter> waiters = new ArrayList<>();
  private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(4096);
  private long listenerEvents;
  private long acceptErrors;

  private record Waiter(int atMost, CompletableFuture<Void> done) {}

  private ExhaustionEchoServer(IOLoop loop, ServerSocketHandle listener) {
    this.loop = loop;
    this.listener = listener;
    this.address = listener.localAddress();
  }

  /** Listens and starts accepting. Call on the loop's thread. */
  static ExhaustionEchoServer start(IOLoop loop) throws IOException {
    ServerSocketHandle listener = loop.transport().listen(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), ListenOptions.DEFAULTS);
    ExhaustionEchoServer server = new ExhaustionEchoServer(loop, listener);
    loop.addHandler(listener, IOLoop.READ, (h, events) -> server.onAcceptable());
    return server;
  }

  SocketAddress address() {
    return address;
  }

  /** Stops watching the listener: connections wait in its backlog. */
  void pause() {
    loop.updateHandler(listener, 0);
  }

  /** Watches the listener again. */
  void resume() {
    loop.updateHandler(listener, IOLoop.READ);
  }

  /** How many times the listener has been reported ready. */
  long listenerEvents() {
    return listenerEvents;
  }

  /** How many {@code accept} calls have thrown. */
  long acceptErrors() {
    return acceptErrors;
  }

  int connectionCount() {
    return connections.size();
  }

  /** Completes (on the loop's thread) once at most {@code n} connections are open. */
  CompletableFuture<Void> whenAtMost(int n) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    waiters.add(new Waiter(n, done));
    wakeWaiters();
    return done;
  }

  /** Closes the listener and every connection. */
  void close() throws IOException {
    loop.removeHandler(listener);
    listener.close();
    for (SocketHandle s : new ArrayList<>(connections.keySet())) {
      drop(s);
    }
  }

  private void onAcceptable() {
    listenerEvents++;
    while (true) {
      SocketHandle s;
      try {
        s = listener.accept();
      } catch (IOException e) {
        if (acceptErrors++ == 0) {
          log.warn("accept on {} failed; the listener stays registered", listener, e);
        }
        return;
      }
      if (s == null) {
        return;
      }
      connections.put(s, ByteBuffer.allocate(0));
      loop.addHandler(s, IOLoop.READ, this::onReady);
    }
  }

  private void onReady(PollHandle handle, int events) {
    SocketHandle s = (SocketHandle) handle;
    try {
      ByteBuffer pending = connections.get(s);
      if (pending.hasRemaining()) {
        s.write(pending);
      } else {
        readBuffer.clear();
        int n = s.read(readBuffer);
        if (n < 0) {
          drop(s);
          return;
        }
        readBuffer.flip();
        s.write(readBuffer);
        if (readBuffer.hasRemaining()) {
          pending = ByteBuffer.allocate(readBuffer.remaining()).put(readBuffer).flip();
          connections.put(s, pending);
        }
      }
      // Flow control: while an echo is unwritten, wait for WRITE and read nothing more.
      loop.updateHandler(s, pending.hasRemaining() ? IOLoop.WRITE : IOLoop.READ);
    } catch (IOException e) {
      drop(s);
    }
  }

  private void drop(SocketHandle s) {
    loop.removeHandler(s);
    try {
      s.close();
    } catch (IOException e) {
      log.warn("closing {} failed", s, e);
    }
    connections.remove(s);
    wakeWaiters();
  }

  private void wakeWaiters() {
    for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
      Waiter w = it.next();
      if (connections.size() <= w.atMost()) {
        it.remove();
        w.done().complete(null);
      }
    }
  }
}
