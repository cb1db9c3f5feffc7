package dev.eddy.stream;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Turns a host name and port into the socket addresses to connect to: Tornado's {@code
 * tornado.netutil.Resolver}.
 *
 * <h2>Threading</h2>
 * Call {@link #resolve} on the thread of a running {@link dev.eddy.loop.IOLoop}. The future it
 * returns completes on that loop's thread (it may be complete already when {@code resolve}
 * returns), so its non-{@code Async} dependents run there too. An implementation must never block
 * the loop: a lookup that can block runs elsewhere (see {@link #system()}).
 *
 * <h2>Errors</h2>
 * A host that cannot be resolved, or that has no address of the family asked for, fails the
 * future with a {@link java.net.UnknownHostException} whose message names the host; the
 * underlying exception, if any, is its cause. Arguments that can never be right (a port outside
 * {@code 0..65535}, a null host or family) are thrown at once, not put in the future.
 */
public interface Resolver {

  /**
   * Resolves {@code host} to the addresses of {@code family}, each with {@code port}.
   *
   * @param host a host name or a literal IPv4 or IPv6 address
   * @param port the port each address gets, {@code 0..65535}
   * @param family the family to keep; {@link AddressFamily#UNSPEC} keeps every address
   * @return the addresses in the order the system gives them (never empty), completed on the
   *     calling loop's thread; failed with {@link java.net.UnknownHostException} if there are none
   * @throws IllegalArgumentException if {@code port} is outside {@code 0..65535}
   * @throws NullPointerException if {@code host} or {@code family} is null
   */
  CompletableFuture<List<InetSocketAddress>> resolve(String host, int port, AddressFamily family);

  /**
   * Releases what the resolver owns. The default does nothing. Call it on the thread that uses
   * the resolver; resolving afterwards is not supported.
   */
  default void close() {}

  /**
   * The default resolver: the JDK's lookup ({@link java.net.InetAddress#getAllByName}, which
   * reads the hosts file and asks the system's DNS) run on the calling loop's {@linkplain
   * dev.eddy.loop.IOLoop#runInExecutor(java.util.concurrent.Callable) executor}, so that it never
   * blocks the loop. A literal IPv4 or IPv6 address is parsed on the spot, without a lookup or a
   * thread hop. One stateless instance serves every loop; {@link #close()} does nothing.
   *
   * <p>Its {@link #resolve} also throws {@link IllegalArgumentException} for an empty host, and
   * {@link IllegalStateException} when it is not called on a running loop's thread.
   */
  static Resolver system() {
    return SystemResolver.INSTANCE;
  }
}
