package dev.eddy.stream;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.eddy.loop.IOLoop;
import dev.eddy.loop.PollerSelection;
import dev.eddy.loop.spi.ListenOptions;
import dev.eddy.loop.spi.PollerProvider;
import dev.eddy.loop.spi.ServerSocketHandle;
import dev.eddy.loop.spi.SocketHandle;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A loop on one backend for a stream test, driven in Tornado's {@code gen_test} style: {@link
 * #await} runs the loop on the test's thread until a future is done (at most 20 s), so a test
 * reads as a sequence of steps. Between steps the loop is stopped and the test's thread may use
 * the streams (it is the loop's thread whenever the loop runs).
 *
 * <p>On Linux the backends nio, epoll-jna and epoll-netty must be available (a missing one is a
 * failure, not a skip); others (kqueue) are skipped with the reason where they cannot run.
 */
final class StreamFixture implements AutoCloseable {

  static final Duration STEP = Duration.ofSeconds(20);

  final IOLoop loop;
  private ServerSocketHandle listener;

  StreamFixture(String backend) {
    PollerProvider provider = PollerSelection.all().stream()
        .filter(p -> p.name().equals(backend)).findFirst().orElse(null);
    boolean linux = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux");
    boolean required = linux && !backend.equals("kqueue");
    if (required) {
      assertTrue(provider != null && provider.isAvailable(), () -> "backend " + backend
          + " must run on Linux: " + (provider == null ? "not on the class path"
          : provider.unavailabilityCause()));
    } else {
      assumeTrue(provider != null && provider.isAvailable(), () -> "backend " + backend
          + " is not available here: " + (provider == null ? "not on the class path"
          : provider.unavailabilityCause()));
    }
    loop = IOLoop.create(provider);
  }

  /** Runs the loop until {@code future} is done; its value, or its exception (unchecked as is). */
  <T> T await(CompletionStage<T> future) {
    return loop.runSync(() -> future, STEP);
  }

  /** Runs the loop for one round of pending callbacks and events. */
  void spin() {
    CompletableFuture<Void> f = new CompletableFuture<>();
    loop.addCallback(() -> loop.addCallback(() -> f.complete(null)));
    await(f);
  }

  /** A loopback listener (once per fixture). */
  ServerSocketHandle listener() throws IOException {
    if (listener == null) {
      listener = loop.transport().listen(
          new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), ListenOptions.DEFAULTS);
    }
    return listener;
  }

  SocketAddress address() throws IOException {
    return listener().localAddress();
  }

  /** The next connection to the listener, accepted. */
  CompletableFuture<SocketHandle> accept() throws IOException {
    ServerSocketHandle l = listener();
    CompletableFuture<SocketHandle> f = new CompletableFuture<>();
    loop.addHandler(l, IOLoop.READ, (h, events) -> {
      SocketHandle s = l.accept();
      if (s != null) {
        loop.removeHandler(l);
        f.complete(s);
      }
    });
    return f;
  }

  /** A connected pair of streams with these options. */
  Pair pair(StreamOptions server, StreamOptions client) throws IOException {
    CompletableFuture<SocketHandle> accepted = accept();
    IOStream c = await(IOStream.connect(loop, address(),
        dev.eddy.loop.spi.ConnectOptions.DEFAULTS, client));
    IOStream s = new IOStream(loop, await(accepted), server);
    return new Pair(s, c);
  }

  Pair pair() throws IOException {
    return pair(StreamOptions.DEFAULTS, StreamOptions.DEFAULTS);
  }

  record Pair(IOStream server, IOStream client) implements AutoCloseable {
    @Override
    public void close() {
      server.close();
      client.close();
    }
  }

  @Override
  public void close() throws IOException {
    if (listener != null) {
      listener.close();
    }
    loop.close(true);
  }
}
