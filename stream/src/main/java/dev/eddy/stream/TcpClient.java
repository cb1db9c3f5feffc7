package dev.eddy.stream;

import dev.eddy.loop.IOLoop;
import dev.eddy.loop.Timeout;
import dev.eddy.loop.spi.ConnectOptions;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

/**
 * Opens TCP connections by host name: Tornado's {@code TCPClient}. The name is resolved off the
 * loop ({@link Resolver}), then the addresses are tried with RFC 8305 "happy eyeballs": the
 * family listed first is tried one address at a time, the other starts after 300 ms or after the
 * first failure, the first connection made wins and every other attempt is closed (those still
 * connecting at once).
 *
 * <p>Errors: the future fails with the resolver's {@code UnknownHostException} (naming the host),
 * with the last connect error when every address failed (a {@code ConnectException} such as
 * {@code connect(..) failed: Connection refused}, not wrapped), or with a {@link TimeoutException}
 * when {@link ClientOptions#timeout()} passed first (then every attempt is closed).
 *
 * <p>Threading: {@link #connect} may be called from the loop's thread, or from the thread that
 * owns the loop while it is not running; the future completes on the loop's thread.
 */
public final class TcpClient {

  private final IOLoop loop;
  private final Resolver resolver;

  /** A client resolving with the JDK ({@link Resolver#system()}). */
  public TcpClient(IOLoop loop) {
    this(loop, Resolver.system());
  }

  /** A client resolving with {@code resolver} (an {@link OverrideResolver} in tests). */
  public TcpClient(IOLoop loop, Resolver resolver) {
    this.loop = Objects.requireNonNull(loop, "loop");
    this.resolver = Objects.requireNonNull(resolver, "resolver");
  }

  /** {@link #connect(String, int, ClientOptions)} with the default options. */
  public CompletableFuture<IOStream> connect(String host, int port) {
    return connect(host, port, ClientOptions.DEFAULTS);
  }

  /**
   * Connects to {@code host}:{@code port}.
   *
   * @throws IllegalArgumentException for a port outside 0..65535
   */
  public CompletableFuture<IOStream> connect(String host, int port, ClientOptions options) {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(options, "options");
    SystemResolver.checkPort(port);
    Attempt attempt = new Attempt(host, port, options);
    if (loop.isRunning() && loop.inLoopThread()) {
      attempt.start();
    } else {
      loop.addCallback(attempt::start);
    }
    return attempt.result;
  }

  /** Closes the resolver. */
  public void close() {
    resolver.close();
  }

  /** One connect: resolve, race the addresses, settle. Loop thread. */
  private final class Attempt {
    final String host;
    final int port;
    final ClientOptions options;
    final CompletableFuture<IOStream> result = new CompletableFuture<>();
    final List<IOStream> inFlight = new ArrayList<>();
    Timeout deadline;

    Attempt(String host, int port, ClientOptions options) {
      this.host = host;
      this.port = port;
      this.options = options;
    }

    void start() {
      if (options.timeout() != null) {
        deadline = loop.callLater(options.timeout(), () -> fail(new TimeoutException(
            "connecting to " + host + ":" + port + " took more than "
                + options.timeout().toMillis() + " ms")));
      }
      CompletableFuture<List<InetSocketAddress>> resolved;
      try {
        resolved = resolver.resolve(host, port, options.family());
      } catch (RuntimeException e) {
        fail(e);
        return;
      }
      resolved.whenComplete((addresses, e) -> {
        if (result.isDone()) {
          return;
        }
        if (e != null) {
          fail(unwrap(e));
          return;
        }
        race(addresses);
      });
    }

    void race(List<InetSocketAddress> addresses) {
      Connector<IOStream> connector = new Connector<>(addresses, loop, this::connectOne,
          IOStream::close);
      connector.start(Connector.DEFAULT_INITIAL_TIMEOUT, null).whenComplete((won, e) -> {
        if (e != null) {
          fail(unwrap(e));
        } else if (result.isDone()) {
          won.connection().close();
        } else if (options.tls() == null) {
          result.complete(won.connection());
          settle(won.connection());
        } else {
          settle(won.connection());
          secure((SslIOStream) won.connection());
        }
      });
    }

    /**
     * The TLS handshake of the connection that won the race (the handshake starts on every
     * attempt once its TCP connect completes; the losers are closed). A timeout closes it.
     */
    void secure(SslIOStream stream) {
      inFlight.add(stream);
      stream.waitForHandshake().whenComplete((secured, e) -> {
        inFlight.remove(stream);
        if (e != null) {
          fail(unwrap(e));
        } else if (!result.complete(secured)) {
          secured.close();
        }
      });
    }

    CompletableFuture<IOStream> connectOne(InetSocketAddress address) {
      IOStream s;
      try {
        s = options.tls() == null
            ? IOStream.startConnect(loop, address, connectOptions(address), options.stream())
            : SslIOStream.startConnect(loop, address, tls(), connectOptions(address),
                options.stream());
      } catch (IOException e) {
        return CompletableFuture.failedFuture(e);
      }
      inFlight.add(s);
      return s.whenConnected().whenComplete((v, e) -> inFlight.remove(s));
    }

    /** The TLS options, with the host connected to as server name if they name none. */
    TlsOptions tls() {
      TlsOptions tls = options.tls();
      if (tls.serverHostname() == null && tls.verifyHostname()) {
        tls = tls.withServerHostname(host);
      }
      return tls;
    }

    ConnectOptions connectOptions(InetSocketAddress target) {
      if (options.sourceAddress() == null && options.sourcePort() == 0) {
        return ConnectOptions.DEFAULTS;
      }
      InetSocketAddress local = options.sourceAddress() != null
          ? new InetSocketAddress(options.sourceAddress(), options.sourcePort())
          : new InetSocketAddress(options.sourcePort()); // wildcard of the target's family
      return ConnectOptions.bindTo(local);
    }

    void fail(Throwable e) {
      if (result.completeExceptionally(e)) {
        settle(null);
      }
    }

    /** Cancels the deadline and closes every attempt but the winner. */
    void settle(IOStream winner) {
      if (deadline != null) {
        loop.removeTimeout(deadline);
      }
      for (IOStream s : new ArrayList<>(inFlight)) {
        if (s != winner) {
          s.close();
        }
      }
      inFlight.clear();
    }
  }

  /** The error to report: a connect's real error rather than its StreamClosedException. */
  private static Throwable unwrap(Throwable e) {
    while (e instanceof CompletionException && e.getCause() != null) {
      e = e.getCause();
    }
    if (e instanceof StreamClosedException && e.getCause() instanceof IOException) {
      return e.getCause();
    }
    return e;
  }

  @Override
  public String toString() {
    return "TcpClient[" + loop + "]";
  }
}
