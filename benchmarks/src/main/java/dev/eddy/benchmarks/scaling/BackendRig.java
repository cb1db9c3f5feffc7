package dev.eddy.benchmarks.scaling;

import dev.eddy.loop.spi.ConnectOptions;
import dev.eddy.loop.spi.ListenOptions;
import dev.eddy.loop.spi.PollEvents;
import dev.eddy.loop.spi.PollKey;
import dev.eddy.loop.spi.Poller;
import dev.eddy.loop.spi.PollerProvider;
import dev.eddy.loop.spi.ServerSocketHandle;
import dev.eddy.loop.spi.SocketHandle;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The sockets of one backend, all made by its own transport: a loopback listener, the active
 * connection (both ends in this process: {@link #activeWriter()} writes, {@link #active()} is the
 * end that gets registered) and the server ends of the idle connections, whose client ends the
 * {@link PeerProcess} child holds. Nothing is ever written to an idle connection.
 *
 * <p>The listener is watched by a small poller of its own, so that connections are accepted while
 * the child opens them (the accept queue is far shorter than 10,000). Used by one thread.
 */
final class BackendRig implements AutoCloseable {

  private static final long SETUP_NANOS = 120_000_000_000L;
  private static final long TICK_NANOS = 50_000_000L;

  private final PollerProvider provider;
  private final ServerSocketHandle listener;
  private final Poller setupPoller;
  private final PollEvents setupEvents = new PollEvents(16);
  private final List<SocketHandle> idle = new ArrayList<>();
  private SocketHandle activeWriter;
  private SocketHandle active;

  private BackendRig(PollerProvider provider, ServerSocketHandle listener, Poller setupPoller) {
    this.provider = provider;
    this.listener = listener;
    this.setupPoller = setupPoller;
  }

  /**
   * Listens on a fresh loopback port and connects the active pair.
   *
   * @throws IOException if a socket cannot be made or the loopback connect fails
   */
  static BackendRig open(PollerProvider provider) throws IOException {
    ServerSocketHandle listener = provider.transport().listen(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
        ListenOptions.DEFAULTS.withBacklog(4096));
    Poller setupPoller = null;
    BackendRig rig = null;
    try {
      setupPoller = provider.open();
      rig = new BackendRig(provider, listener, setupPoller);
      setupPoller.register(listener, Poller.READ, null);
      rig.connectActivePair();
      return rig;
    } catch (IOException | RuntimeException e) {
      try {
        if (rig != null) {
          rig.close();
        } else {
          listener.close();
          if (setupPoller != null) {
            setupPoller.close();
          }
        }
      } catch (IOException closing) {
        e.addSuppressed(closing);
      }
      throw e;
    }
  }

  /** The server end of the active connection: the one socket that becomes ready. */
  SocketHandle active() {
    return active;
  }

  /** The client end of the active connection, which makes {@link #active()} readable. */
  SocketHandle activeWriter() {
    return activeWriter;
  }

  /** The server ends of the idle connections. */
  List<SocketHandle> idle() {
    return idle;
  }

  /**
   * Grows the idle connections to {@code target}: the child connects the missing ones while this
   * thread accepts them.
   *
   * @throws IOException if the child fails, or the connections are not all accepted in time
   */
  void growIdle(int target, PeerProcess peers) throws IOException {
    int missing = target - idle.size();
    if (missing <= 0) {
      return;
    }
    peers.requestConnections((InetSocketAddress) listener.localAddress(), missing);
    long deadline = System.nanoTime() + SETUP_NANOS;
    while (idle.size() < target) {
      SocketHandle s = listener.accept();
      if (s != null) {
        idle.add(s);
        continue;
      }
      if (!peers.isAlive() || System.nanoTime() > deadline) {
        throw new IOException("accepted " + idle.size() + " of " + target + " idle connections"
            + (peers.isAlive() ? " in time" : "; the idle-peers child has exited"));
      }
      setupPoller.poll(TICK_NANOS, setupEvents);
    }
    peers.awaitConnected(target);
  }

  /**
   * Reads what is waiting on the active socket, until the read would block.
   *
   * @throws IOException if the read fails, or the connection has ended
   */
  void drainActive(ByteBuffer scratch) throws IOException {
    int n;
    do {
      scratch.clear();
      n = active.read(scratch);
    } while (n > 0);
    if (n < 0) {
      throw new IOException("the active connection ended");
    }
  }

  /**
   * Closes every socket of the rig and its setup poller; the first error is thrown after all were
   * tried. Reset the child's ends first ({@link PeerProcess#resetAll()}), so that nothing is left
   * in {@code TIME_WAIT}. Idempotent.
   */
  @Override
  public void close() throws IOException {
    setupPoller.close();
    List<SocketHandle> all = new ArrayList<>(idle);
    all.add(active);
    all.add(activeWriter);
    idle.clear();
    IOException first = null;
    for (SocketHandle s : all) {
      try {
        if (s != null) {
          s.close();
        }
      } catch (IOException e) {
        first = first == null ? e : first;
      }
    }
    try {
      listener.close();
    } catch (IOException e) {
      first = first == null ? e : first;
    }
    if (first != null) {
      throw first;
    }
  }

  /** Connects the active pair through the listener, as {@code BackendFigures} does. */
  private void connectActivePair() throws IOException {
    activeWriter = provider.transport().connect(listener.localAddress(), ConnectOptions.DEFAULTS);
    long deadline = System.nanoTime() + SETUP_NANOS;
    while ((active = listener.accept()) == null) {
      checkDeadline(deadline, "accepting the active connection");
      setupPoller.poll(TICK_NANOS, setupEvents);
    }
    PollKey key = setupPoller.register(activeWriter, Poller.WRITE, null);
    try {
      while (!activeWriter.finishConnect()) {
        checkDeadline(deadline, "connecting the active connection");
        setupPoller.poll(TICK_NANOS, setupEvents);
      }
    } finally {
      setupPoller.unregister(key);
    }
    activeWriter.setOption(StandardSocketOptions.TCP_NODELAY, true);
  }

  private static void checkDeadline(long deadline, String what) throws IOException {
    if (System.nanoTime() > deadline) {
      throw new IOException("timed out " + what);
    }
  }
}
