package dev.eddy.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.loop.IOLoop;
import dev.eddy.loop.tck.ResourceLeakCheck;
import dev.eddy.testing.AsyncTestContext;
import dev.eddy.testing.AsyncTimeout;
import dev.eddy.testing.EddyLoopTest;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link Resolver#system()} on a real loop whose executor counts the lookups handed to it, so
 * that "no thread hop" can be checked.
 */
@ExtendWith(ResourceLeakCheck.class)
@EddyLoopTest
@AsyncTimeout(30)
@Timeout(60)
class ResolverTest {

  private final Resolver resolver = Resolver.system();
  private final AtomicInteger lookups = new AtomicInteger();
  private final AtomicReference<Thread> lookupThread = new AtomicReference<>();
  private ExecutorService pool;
  private IOLoop loop;
  private AsyncTestContext async;

  @BeforeEach
  void setUp(AsyncTestContext async) {
    this.async = async;
    pool = Executors.newSingleThreadExecutor(r -> new Thread(r, "resolver-test-lookup"));
    loop = async.loop();
    loop.setDefaultExecutor(task -> {
      lookups.incrementAndGet();
      pool.execute(() -> {
        lookupThread.set(Thread.currentThread());
        task.run();
      });
    });
  }

  /** The pool ends here; the loop, after this, with the test (EddyLoopTest). */
  @AfterEach
  void tearDown() throws InterruptedException {
    pool.shutdown();
    assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
  }

  @Test
  void aLiteralIpv4AddressResolvesWithoutALookup() {
    List<InetSocketAddress> result = onLoop(() -> {
      CompletableFuture<List<InetSocketAddress>> f =
          resolver.resolve("127.0.0.1", 8080, AddressFamily.UNSPEC);
      assertTrue(f.isDone(), "complete when resolve returns");
      return f;
    });
    assertEquals(List.of(new InetSocketAddress(ip("127.0.0.1"), 8080)), result);
    assertEquals(0, lookups.get(), "no thread hop");
  }

  @Test
  void aLiteralIpv6AddressResolvesWithoutALookup() {
    for (String literal : List.of("::1", "[::1]", "0:0:0:0:0:0:0:1")) {
      List<InetSocketAddress> result = onLoop(() -> {
        CompletableFuture<List<InetSocketAddress>> f =
            resolver.resolve(literal, 443, AddressFamily.INET6);
        assertTrue(f.isDone(), literal + " is complete when resolve returns");
        return f;
      });
      assertEquals(List.of(new InetSocketAddress(ip("::1"), 443)), result, literal);
    }
    assertEquals(0, lookups.get(), "no thread hop");
  }

  @Test
  void aMalformedIpv6LiteralFailsWithoutALookup() {
    Throwable e = failureOf(() -> resolver.resolve("fe80::zz", 80, AddressFamily.UNSPEC));
    assertInstanceOf(UnknownHostException.class, e);
    assertTrue(e.getMessage().contains("fe80::zz"), e.getMessage());
    assertEquals(0, lookups.get());
  }

  @Test
  void localhostResolvesToLoopbackAddressesOffTheLoopAndCompletesOnIt() {
    boolean[] completedOnLoop = new boolean[1];
    List<InetSocketAddress> result = onLoop(() -> {
      CompletableFuture<List<InetSocketAddress>> f =
          resolver.resolve("localhost", 8080, AddressFamily.UNSPEC);
      assertFalse(f.isDone(), "a name is looked up elsewhere, so it cannot be done yet");
      f.whenComplete((r, e) -> completedOnLoop[0] = loop.inLoopThread());
      return f;
    });
    assertFalse(result.isEmpty());
    for (InetSocketAddress a : result) {
      assertTrue(a.getAddress().isLoopbackAddress(), a.toString());
      assertEquals(8080, a.getPort());
    }
    assertEquals(1, lookups.get(), "one lookup, on the loop's executor");
    assertNotNull(lookupThread.get());
    assertTrue(completedOnLoop[0], "the future completed on the loop's thread");
    assertThrows(UnsupportedOperationException.class, () -> result.add(null), "immutable");
  }

  @Test
  void theFamilyFiltersTheAddresses() {
    List<InetSocketAddress> v4 =
        onLoop(() -> resolver.resolve("localhost", 80, AddressFamily.INET));
    assertFalse(v4.isEmpty());
    for (InetSocketAddress a : v4) {
      assertInstanceOf(Inet4Address.class, a.getAddress());
    }
    // Whether localhost has an IPv6 address depends on the machine: either answer is allowed,
    // but never an IPv4 address.
    Object v6 = async.await(() -> resolver.resolve("localhost", 80, AddressFamily.INET6)
        .<Object>handle((r, e) -> e != null ? e : r));
    if (v6 instanceof Throwable) {
      assertInstanceOf(UnknownHostException.class, v6);
      assertEquals("localhost has no IPv6 address", ((Throwable) v6).getMessage());
    } else {
      for (Object a : (List<?>) v6) {
        assertInstanceOf(Inet6Address.class, ((InetSocketAddress) a).getAddress());
      }
    }
  }

  @Test
  void aLiteralOfTheOtherFamilyHasNoAddress() {
    Throwable e = failureOf(() -> resolver.resolve("127.0.0.1", 80, AddressFamily.INET6));
    assertInstanceOf(UnknownHostException.class, e);
    assertEquals("127.0.0.1 has no IPv6 address", e.getMessage());
    e = failureOf(() -> resolver.resolve("::1", 80, AddressFamily.INET));
    assertInstanceOf(UnknownHostException.class, e);
    assertEquals("::1 has no IPv4 address", e.getMessage());
    assertEquals(0, lookups.get());
  }

  @Test
  void anUnknownHostFailsWithUnknownHostExceptionNamingIt() {
    Throwable e = failureOf(() -> resolver.resolve("nosuch.invalid", 80, AddressFamily.UNSPEC));
    assertInstanceOf(UnknownHostException.class, e);
    assertTrue(e.getMessage().startsWith("cannot resolve nosuch.invalid: "), e.getMessage());
    assertInstanceOf(UnknownHostException.class, e.getCause(), "the JDK's exception is the cause");
    assertNotEquals(e, e.getCause());
    assertEquals(1, lookups.get());
  }

  @Test
  void aPortOutOfRangeIsRejectedAtCallTime() {
    onLoop(() -> {
      assertThrows(IllegalArgumentException.class,
          () -> resolver.resolve("127.0.0.1", -1, AddressFamily.UNSPEC));
      assertThrows(IllegalArgumentException.class,
          () -> resolver.resolve("localhost", 65536, AddressFamily.UNSPEC));
      assertThrows(IllegalArgumentException.class,
          () -> resolver.resolve("", 80, AddressFamily.UNSPEC), "an empty host");
      assertThrows(NullPointerException.class,
          () -> resolver.resolve(null, 80, AddressFamily.UNSPEC));
      assertTrue(resolver.resolve("127.0.0.1", 0, AddressFamily.UNSPEC).isDone());
      assertTrue(resolver.resolve("127.0.0.1", 65535, AddressFamily.UNSPEC).isDone());
      return CompletableFuture.completedFuture(null);
    });
    assertEquals(0, lookups.get());
  }

  @Test
  void resolvingOffALoopThreadIsRefused() {
    assertThrows(IllegalStateException.class,
        () -> resolver.resolve("127.0.0.1", 80, AddressFamily.UNSPEC));
  }

  @Test
  void addressFamilyAcceptsItsOwnAddresses() {
    InetAddress v4 = ip("10.1.2.3");
    InetAddress v6 = ip("2001:db8::1");
    assertTrue(AddressFamily.UNSPEC.accepts(v4));
    assertTrue(AddressFamily.UNSPEC.accepts(v6));
    assertTrue(AddressFamily.INET.accepts(v4));
    assertFalse(AddressFamily.INET.accepts(v6));
    assertTrue(AddressFamily.INET6.accepts(v6));
    assertFalse(AddressFamily.INET6.accepts(v4));
    assertEquals(AddressFamily.INET, AddressFamily.of(v4));
    assertEquals(AddressFamily.INET6, AddressFamily.of(v6));
    assertEquals(AddressFamily.UNSPEC, AddressFamily.of(null));
  }

  @Test
  void literalParsing() throws UnknownHostException {
    assertEquals(ip("1.2.3.4"), SystemResolver.parseLiteral("1.2.3.4"));
    assertEquals(ip("255.255.255.255"), SystemResolver.parseLiteral("255.255.255.255"));
    assertEquals(ip("fe80::1%1"), SystemResolver.parseLiteral("fe80::1%1"));
    for (String name : List.of("localhost", "1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4",
        "1..2.3", "1.2.3.4.", "example.com", "1.2.3.a")) {
      assertEquals(null, SystemResolver.parseLiteral(name), name + " is not a dotted quad");
    }
    assertThrows(UnknownHostException.class, () -> SystemResolver.parseLiteral("::g"));
  }

  // --------------------------------------------------------------------------------- helpers

  /** Runs {@code fn} on the loop and waits for its future's value. */
  private <T> T onLoop(Supplier<CompletableFuture<T>> fn) {
    return async.await(fn);
  }

  /** Runs {@code fn} on the loop and returns the exception its future failed with. */
  private Throwable failureOf(Supplier<CompletableFuture<List<InetSocketAddress>>> fn) {
    Throwable e = async.await(() -> fn.get().handle((r, x) -> x));
    assertNotNull(e, "the future failed");
    return e;
  }

  private static InetAddress ip(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }
}
