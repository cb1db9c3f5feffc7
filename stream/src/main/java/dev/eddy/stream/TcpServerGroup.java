package dev.eddy.stream;

import dev.eddy.loop.IOLoop;
import dev.eddy.loop.spi.ListenOptions;
import dev.eddy.loop.spi.SocketHandle;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * One server spread over the loops of a {@link LoopGroup}: each loop serves the connections it
 * accepts or is handed, with its own {@link StreamHandler}.
 *
 * <p>Two ways, as DESIGN §2 says: with {@link Mode#REUSE_PORT} every loop has its own listening
 * socket on the same port ({@code SO_REUSEPORT}: the kernel spreads connections over them); with
 * {@link Mode#ACCEPTOR} the first loop accepts every connection and hands each to the next loop,
 * round robin. {@link Mode#AUTO} takes the first where the backend can, else the second.
 *
 * <p>Threading: {@link #listen} and {@link #stop()} are called from a thread that is not one of
 * the group's loops (they wait for the loops); the handlers run on their loops.
 */
public final class TcpServerGroup {

  /** How connections reach the loops. */
  public enum Mode {
    /** {@link #REUSE_PORT} where the backend has {@code SO_REUSEPORT}, else {@link #ACCEPTOR}. */
    AUTO,
    /** A listening socket per loop on one port, the kernel balancing. */
    REUSE_PORT,
    /** The first loop accepts and hands connections to the loops in turn. */
    ACCEPTOR
  }

  private static final long WAIT_SECONDS = 30;

  private final List<TcpServer> servers;
  private final Mode mode;
  private final List<SocketAddress> addresses;

  private TcpServerGroup(List<TcpServer> servers, Mode mode, List<SocketAddress> addresses) {
    this.servers = servers;
    this.mode = mode;
    this.addresses = List.copyOf(addresses);
  }

  /**
   * Starts serving {@code port} (0: one ephemeral port for all) on {@code address} (null: every
   * interface) on every loop of {@code group}.
   *
   * @param handlers makes each loop's handler, called on that loop
   * @throws IOException if the port cannot be bound; nothing stays open then
   * @throws UnsupportedOperationException for {@link Mode#REUSE_PORT} on a backend without it
   */
  public static TcpServerGroup listen(LoopGroup group, int port, String address,
      Function<IOLoop, StreamHandler> handlers, StreamOptions options, Mode mode)
      throws IOException {
    return listen(group, port, address, handlers, options, null, mode);
  }

  /**
   * As {@link #listen(LoopGroup, int, String, Function, StreamOptions, Mode)}, with TLS.
   *
   * @param tls server-side TLS options, or null for plain TCP
   */
  public static TcpServerGroup listen(LoopGroup group, int port, String address,
      Function<IOLoop, StreamHandler> handlers, StreamOptions options, TlsOptions tls, Mode mode)
      throws IOException {
    Objects.requireNonNull(handlers, "handlers");
    return listenServers(group, port, address,
        loop -> new TcpServer(loop, handlers.apply(loop), options, tls), mode);
  }

  /**
   * As {@link #listen(LoopGroup, int, String, Function, StreamOptions, TlsOptions, Mode)}, with a
   * server of the caller's kind per loop (an {@code HttpServer}, say), made on that loop by
   * {@code servers}; the servers must not listen themselves.
   */
  public static TcpServerGroup listenServers(LoopGroup group, int port, String address,
      Function<IOLoop, ? extends TcpServer> servers, Mode mode) throws IOException {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(servers, "servers");
    if (mode != Mode.ACCEPTOR) {
      try {
        return reusePort(group, port, address, servers);
      } catch (UnsupportedOperationException e) {
        if (mode == Mode.REUSE_PORT) {
          throw e;
        }
      }
    }
    return acceptor(group, port, address, servers);
  }

  private static TcpServerGroup reusePort(LoopGroup group, int port, String address,
      Function<IOLoop, ? extends TcpServer> factory) throws IOException {
    List<TcpServer> servers = new ArrayList<>();
    List<SocketAddress> first = null;
    int chosen = port;
    try {
      for (IOLoop loop : group.loops()) {
        int p = chosen;
        List<SocketAddress> bound = on(loop, () -> {
          TcpServer s = factory.apply(loop);
          servers.add(s);
          return s.listen(p, address, ListenOptions.DEFAULTS.withReusePort(true));
        });
        if (first == null) {
          first = bound;
          chosen = ((InetSocketAddress) bound.get(0)).getPort();
        }
      }
    } catch (IOException | RuntimeException e) {
      stopAll(servers);
      throw e;
    }
    return new TcpServerGroup(servers, Mode.REUSE_PORT, first);
  }

  private static TcpServerGroup acceptor(LoopGroup group, int port, String address,
      Function<IOLoop, ? extends TcpServer> factory) throws IOException {
    List<TcpServer> servers = new ArrayList<>();
    try {
      for (IOLoop loop : group.loops()) {
        servers.add(on(loop, () -> factory.apply(loop)));
      }
      IOLoop first = group.loops().get(0);
      TcpServer acceptor = on(first, () -> new TcpServer(first, (s, a) -> null,
          StreamOptions.DEFAULTS) {
        @Override
        void dispatch(SocketHandle socket) {
          IOLoop target = group.next();
          TcpServer server = servers.get(group.loops().indexOf(target));
          if (target == first) {
            server.onAccepted(socket);
          } else {
            target.addCallback(() -> server.onAccepted(socket));
          }
        }
      });
      servers.add(acceptor);
      List<SocketAddress> bound = on(first, () -> acceptor.listen(port, address,
          ListenOptions.DEFAULTS));
      return new TcpServerGroup(servers, Mode.ACCEPTOR, bound);
    } catch (IOException | RuntimeException e) {
      stopAll(servers);
      throw e;
    }
  }

  /** How connections reach the loops. */
  public Mode mode() {
    return mode;
  }

  /** The addresses listened on. */
  public List<SocketAddress> addresses() {
    return addresses;
  }

  /** Stops listening on every loop; connections keep going. Idempotent. */
  public void stop() {
    stopAll(servers);
  }

  private static void stopAll(List<TcpServer> servers) {
    for (TcpServer s : servers) {
      try {
        on(s.loop(), () -> {
          s.stop();
          return null;
        });
      } catch (IOException | RuntimeException e) {
        // the loop is gone: its sockets were closed with it
      }
    }
  }

  /** Runs {@code task} on {@code loop} and waits for it. */
  private static <T> T on(IOLoop loop, Callable<T> task) throws IOException {
    if (loop.inLoopThread()) {
      try {
        return task.call();
      } catch (IOException | RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
    CompletableFuture<T> f = new CompletableFuture<>();
    loop.addCallback(() -> {
      try {
        f.complete(task.call());
      } catch (Throwable t) {
        f.completeExceptionally(t);
      }
    });
    try {
      return f.get(WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof IOException) {
        throw (IOException) c;
      }
      if (c instanceof RuntimeException) {
        throw (RuntimeException) c;
      }
      throw new IllegalStateException(c);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted waiting for " + loop, e);
    } catch (TimeoutException e) {
      throw new IllegalStateException(loop + " did not answer within " + WAIT_SECONDS + " s", e);
    }
  }

  @Override
  public String toString() {
    return "TcpServerGroup[" + mode + ", " + addresses + "]";
  }
}
