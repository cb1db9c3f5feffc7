package dev.eddy.web.websocket;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.eddy.loop.IOLoop;
import dev.eddy.loop.PollerSelection;
import dev.eddy.loop.spi.ListenOptions;
import dev.eddy.loop.spi.PollerProvider;
import dev.eddy.loop.spi.ServerSocketHandle;
import dev.eddy.loop.spi.SocketHandle;
import dev.eddy.stream.IOStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A loop on one backend driven in gen_test style ({@link #await}), with a loopback stream pair.
 * nio, epoll-jna and epoll-netty must run on Linux; kqueue is skipped where unavailable.
 */
final class WsFixture implements AutoCloseable {

  static final Duration STEP = Duration.ofSeconds(20);

  final IOLoop loop;
  private ServerSocketHandle listener;

  WsFixture(String backend) {
    PollerProvider provider = PollerSelection.all().stream()
        .filter(p -> p.name().equals(backend)).findFirst().orElse(null);
    boolean linux = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux");
    if (linux && !backend.equals("kqueue")) {
      assertTrue(provider != null && provider.isAvailable(), () -> "backend " + backend
          + " must run on Linux: " + (provider == null ? "not on the class path"
          : provider.unavailabilityCause()));
    } else {
      assumeTrue(provider != null && provider.isAvailable(), () -> "backend " + backend
          + " is not available here");
    }
    loop = IOLoop.create(provider);
  }

  <T> T await(CompletionStage<T> future) {
    return loop.runSync(() -> future, STEP);
  }

  /** Runs the loop for a few rounds of callbacks and events. */
  void spin() {
    for (int i = 0; i < 5; i++) {
      CompletableFuture<Void> f = new CompletableFuture<>();
      loop.addCallback(() -> loop.addCallback(() -> f.complete(null)));
      await(f);
    }
  }

  /** Runs the loop for {@code d}. */
  void sleep(Duration d) {
    CompletableFuture<Void> f = new CompletableFuture<>();
    loop.addCallback(() -> loop.callLater(d, () -> f.complete(null)));
    await(f);
  }

  /** A connected loopback pair: [server side, client side]. */
  IOStream[] pair() throws IOException {
    if (listener == null) {
      listener = loop.transport().listen(
          new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), ListenOptions.DEFAULTS);
    }
    ServerSocketHandle l = listener;
    CompletableFuture<SocketHandle> accepted = new CompletableFuture<>();
    loop.addHandler(l, IOLoop.READ, (h, events) -> {
      SocketHandle s = l.accept();
      if (s != null) {
        loop.removeHandler(l);
        accepted.complete(s);
      }
    });
    IOStream c = await(IOStream.connect(loop, l.localAddress()));
    IOStream s = new IOStream(loop, await(accepted));
    return new IOStream[] {s, c};
  }

  @Override
  public void close() throws IOException {
    if (listener != null) {
      listener.close();
    }
    loop.close(true);
  }
}
