package dev.eddy.loop.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.eddy.loop.PollerSelection;
import dev.eddy.loop.spi.Poller;
import dev.eddy.loop.spi.PollerProvider;
import dev.eddy.loop.spi.ServerSocketHandle;
import dev.eddy.loop.spi.SocketHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Backends talk to each other: for every other available backend on the class path (the peers), a
 * server on the backend under test exchanges 16 MiB each way, checksummed, with a client on the
 * peer, and the reverse. Each side runs on its own thread and poller. Subclass it with the
 * backend's provider, and put at least one other backend (eddy-loop-nio) on the test class path.
 */
@ExtendWith(ResourceLeakCheck.class)
@Timeout(value = 300, unit = TimeUnit.SECONDS)
public abstract class CrossBackendContract {

  private static final int SIZE = 16 << 20;

  /** The backend under test. */
  protected abstract PollerProvider provider();

  /** The backends to talk to: every available one on the class path other than this one. */
  protected List<PollerProvider> peers() {
    String self = provider().name();
    return PollerSelection.all().stream()
        .filter(p -> p.isAvailable() && !p.name().equals(self))
        .collect(Collectors.toList());
  }

  @TestFactory
  Stream<DynamicTest> sixteenMebibytesEachWayWithEveryPeer() {
    PollerProvider self = provider();
    assumeTrue(self.isAvailable(), () -> "backend " + self.name() + " is not available here: "
        + self.unavailabilityCause());
    List<PollerProvider> peers = peers();
    assertFalse(peers.isEmpty(), "no other backend is available on the test class path to talk "
        + "to " + self.name() + ": add eddy-loop-nio in test scope");
    List<DynamicTest> tests = new ArrayList<>();
    for (PollerProvider peer : peers) {
      tests.add(DynamicTest.dynamicTest("server " + self.name() + ", client " + peer.name(),
          () -> exchange(self, peer)));
      tests.add(DynamicTest.dynamicTest("server " + peer.name() + ", client " + self.name(),
          () -> exchange(peer, self)));
    }
    return tests.stream();
  }

  private static void exchange(PollerProvider server, PollerProvider client) throws Exception {
    byte[] up = new byte[SIZE];
    byte[] down = new byte[SIZE];
    new Random(3).nextBytes(up);
    new Random(4).nextBytes(down);
    try (Connections serverSide = new Connections(server);
        Connections clientSide = new Connections(client)) {
      ServerSocketHandle listener = serverSide.listen();
      SocketHandle c = clientSide.connect(listener.localAddress());
      SocketHandle s = serverSide.acceptOne(listener);
      clientSide.finishConnect(c);
      Transfer clientEnd = new Transfer(c, up);
      Transfer serverEnd = new Transfer(s, down);
      CompletableFuture<Void> serverRun = runOnOwnThread(server, serverEnd, "server");
      CompletableFuture<Void> clientRun = runOnOwnThread(client, clientEnd, "client");
      serverRun.get(Transfer.TIMEOUT_NANOS + 10_000_000_000L, TimeUnit.NANOSECONDS);
      clientRun.get(Transfer.TIMEOUT_NANOS + 10_000_000_000L, TimeUnit.NANOSECONDS);
      assertEquals(Transfer.crc(up), serverEnd.receivedCrc(), client.name() + " to "
          + server.name());
      assertEquals(Transfer.crc(down), clientEnd.receivedCrc(), server.name() + " to "
          + client.name());
    }
  }

  private static CompletableFuture<Void> runOnOwnThread(PollerProvider provider, Transfer side,
      String role) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    Thread t = new Thread(() -> {
      try (Poller poller = provider.open()) {
        Transfer.run(poller, side);
        done.complete(null);
      } catch (Throwable e) {
        done.completeExceptionally(e);
      }
    }, "tck-" + role + "-" + provider.name());
    t.start();
    return done;
  }
}
