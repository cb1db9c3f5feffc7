package dev.eddy.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.loop.IOLoop;
import dev.eddy.loop.tck.ResourceLeakCheck;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The three kinds of key, their precedence, and what reaches the delegate. */
@ExtendWith(ResourceLeakCheck.class)
@Timeout(30)
class OverrideResolverTest {

  private final Recording delegate = new Recording();

  @Test
  void aHostKeyMapsTheHostAndKeepsPortAndFamily() {
    Resolver r = OverrideResolver.builder(delegate).map("example.com", "127.0.1.1").build();
    r.resolve("example.com", 80, AddressFamily.INET);
    r.resolve("example.com", 8080, AddressFamily.UNSPEC);
    assertEquals(List.of("127.0.1.1 80 INET", "127.0.1.1 8080 UNSPEC"), delegate.calls);
  }

  @Test
  void aHostPortKeyMapsBothAndOnlyThatPort() {
    Resolver r = OverrideResolver.builder(delegate)
        .map("login.example.com", 443, "localhost", 1443).build();
    r.resolve("login.example.com", 443, AddressFamily.UNSPEC);
    r.resolve("login.example.com", 443, AddressFamily.INET6);
    r.resolve("login.example.com", 80, AddressFamily.UNSPEC);
    assertEquals(List.of("localhost 1443 UNSPEC", "localhost 1443 INET6",
        "login.example.com 80 UNSPEC"), delegate.calls);
  }

  @Test
  void aHostPortFamilyKeyMatchesThatFamilyExactly() {
    Resolver r = OverrideResolver.builder(delegate)
        .map("login.example.com", 443, AddressFamily.INET6, "::1", 1443).build();
    r.resolve("login.example.com", 443, AddressFamily.INET6);
    r.resolve("login.example.com", 443, AddressFamily.INET);
    r.resolve("login.example.com", 443, AddressFamily.UNSPEC);
    assertEquals(List.of("::1 1443 INET6", "login.example.com 443 INET",
        "login.example.com 443 UNSPEC"), delegate.calls);
  }

  @Test
  void theMostSpecificKeyWins() {
    Resolver r = OverrideResolver.builder(delegate)
        .map("example.com", "host-only")
        .map("example.com", 443, "host-port", 1)
        .map("example.com", 443, AddressFamily.INET, "host-port-family", 2)
        .build();
    r.resolve("example.com", 443, AddressFamily.INET);
    r.resolve("example.com", 443, AddressFamily.INET6);
    r.resolve("example.com", 80, AddressFamily.INET);
    assertEquals(List.of("host-port-family 2 INET", "host-port 1 INET6", "host-only 80 INET"),
        delegate.calls);
  }

  @Test
  void anUnmappedNameFallsThroughToTheDelegateUnchanged() {
    Resolver r = OverrideResolver.builder(delegate)
        .map("example.com", "127.0.0.1")
        .map("other.example", 443, "localhost", 1443)
        .build();
    CompletableFuture<List<InetSocketAddress>> f =
        r.resolve("www.example.com", 443, AddressFamily.UNSPEC);
    assertEquals(List.of("www.example.com 443 UNSPEC"), delegate.calls);
    assertEquals(List.of(InetSocketAddress.createUnresolved("www.example.com", 443)), f.join(),
        "the delegate's future is returned");
  }

  @Test
  void mappingIsAppliedOnceAndIgnoresCase() {
    Resolver r = OverrideResolver.builder(delegate)
        .map("a.example", "b.example")
        .map("b.example", "c.example")
        .build();
    r.resolve("A.Example", 80, AddressFamily.UNSPEC);
    assertEquals(List.of("b.example 80 UNSPEC"), delegate.calls);
  }

  @Test
  void theResolverIsImmutableOnceBuiltAndALaterMappingReplaces() {
    OverrideResolver.Builder builder = OverrideResolver.builder(delegate).map("x", "first");
    Resolver r = builder.build();
    builder.map("x", "second").map("y", "z");
    r.resolve("x", 80, AddressFamily.UNSPEC);
    r.resolve("y", 80, AddressFamily.UNSPEC);
    builder.build().resolve("x", 80, AddressFamily.UNSPEC);
    assertEquals(List.of("first 80 UNSPEC", "y 80 UNSPEC", "second 80 UNSPEC"), delegate.calls);
  }

  @Test
  void portsAreChecked() {
    OverrideResolver.Builder builder = OverrideResolver.builder(delegate);
    assertThrows(IllegalArgumentException.class, () -> builder.map("x", 70000, "y", 1));
    assertThrows(IllegalArgumentException.class, () -> builder.map("x", 1, "y", -1));
    assertThrows(IllegalArgumentException.class,
        () -> builder.map("x", 1, AddressFamily.INET, "y", 65536));
    assertThrows(NullPointerException.class, () -> builder.map("x", null));
    Resolver r = builder.build();
    assertThrows(IllegalArgumentException.class,
        () -> r.resolve("x", 65536, AddressFamily.UNSPEC));
    assertTrue(delegate.calls.isEmpty());
  }

  @Test
  void closeClosesTheDelegate() {
    OverrideResolver.builder(delegate).build().close();
    assertTrue(delegate.closed);
  }

  @Test
  void overTheSystemResolverAMappedNameNeedsNoLookup() throws Exception {
    IOLoop loop = IOLoop.create("nio");
    try {
      Resolver r = OverrideResolver.builder(Resolver.system())
          .map("example.com", "127.0.0.1")
          .map("example.com", 443, AddressFamily.INET6, "::1", 1443)
          .build();
      List<InetSocketAddress> v4 = loop.runSync(() -> {
        CompletableFuture<List<InetSocketAddress>> f =
            r.resolve("example.com", 80, AddressFamily.UNSPEC);
        assertTrue(f.isDone(), "a literal target resolves at once");
        return f;
      }, Duration.ofSeconds(10));
      assertEquals(List.of(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 80)), v4);
      List<InetSocketAddress> v6 = loop.runSync(
          () -> r.resolve("example.com", 443, AddressFamily.INET6), Duration.ofSeconds(10));
      assertEquals(List.of(new InetSocketAddress(InetAddress.getByName("::1"), 1443)), v6);
    } finally {
      loop.close(true);
    }
  }

  /** Records each call as "host port FAMILY" and answers with that host unresolved. */
  private static final class Recording implements Resolver {
    final List<String> calls = new ArrayList<>();
    boolean closed;

    @Override
    public CompletableFuture<List<InetSocketAddress>> resolve(String host, int port,
        AddressFamily family) {
      calls.add(host + " " + port + " " + family);
      return CompletableFuture.completedFuture(
          List.of(InetSocketAddress.createUnresolved(host, port)));
    }

    @Override
    public void close() {
      closed = true;
    }
  }
}
