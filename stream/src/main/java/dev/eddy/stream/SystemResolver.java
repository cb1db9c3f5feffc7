package dev.eddy.stream;

import dev.eddy.loop.IOLoop;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The resolver {@link Resolver#system()} returns: the JDK's {@link InetAddress#getAllByName} on
 * the calling loop's executor ({@link IOLoop#runInExecutor(java.util.concurrent.Callable)}),
 * Tornado's {@code DefaultExecutorResolver}.
 *
 * <p>A literal address resolves on the spot, with no lookup and no thread hop: a dotted quad
 * ({@code 127.0.0.1}) or anything with a colon, which can only be an IPv6 literal ({@code ::1},
 * also accepted in brackets, {@code [::1]}, and with a zone, {@code fe80::1%1}). Other spellings
 * the JDK reads as numbers ({@code 127.1}) go through the executor, where the JDK parses them
 * without asking DNS.
 *
 * <p>Stateless: one instance serves every loop; the executor belongs to the loop, so {@link
 * #close()} has nothing to do.
 */
final class SystemResolver implements Resolver {

  static final SystemResolver INSTANCE = new SystemResolver();

  private static final Logger log = LoggerFactory.getLogger(SystemResolver.class);

  private SystemResolver() {}

  @Override
  public CompletableFuture<List<InetSocketAddress>> resolve(String host, int port,
      AddressFamily family) {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(family, "family");
    checkPort(port);
    if (host.isEmpty()) {
      throw new IllegalArgumentException("host must not be empty");
    }
    IOLoop loop = IOLoop.current(); // the affinity check, for literals too
    InetAddress literal;
    try {
      literal = parseLiteral(host);
    } catch (UnknownHostException e) {
      return CompletableFuture.failedFuture(cannotResolve(host, e));
    }
    if (literal != null) {
      try {
        return CompletableFuture.completedFuture(
            filter(host, port, family, new InetAddress[] {literal}));
      } catch (UnknownHostException e) {
        return CompletableFuture.failedFuture(e);
      }
    }
    return loop.runInExecutor(() -> lookup(host, port, family));
  }

  /** Throws unless {@code port} is a TCP/UDP port number. */
  static void checkPort(int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port out of range 0..65535: " + port);
    }
  }

  /** Runs on the executor: the blocking lookup. */
  private static List<InetSocketAddress> lookup(String host, int port, AddressFamily family)
      throws UnknownHostException {
    InetAddress[] all;
    try {
      all = InetAddress.getAllByName(host);
    } catch (UnknownHostException e) {
      log.debug("Cannot resolve {}: {}", host, e.getMessage());
      throw cannotResolve(host, e);
    }
    List<InetSocketAddress> result = filter(host, port, family, all);
    log.debug("Resolved {} ({}) to {}", host, family, result);
    return result;
  }

  /** The addresses of {@code family}, in order; fails if there are none. */
  private static List<InetSocketAddress> filter(String host, int port, AddressFamily family,
      InetAddress[] addresses) throws UnknownHostException {
    List<InetSocketAddress> result = new ArrayList<>(addresses.length);
    for (InetAddress a : addresses) {
      if (family.accepts(a)) {
        result.add(new InetSocketAddress(a, port));
      }
    }
    if (result.isEmpty()) {
      String kind = family == AddressFamily.INET6 ? "IPv6 " : family == AddressFamily.INET
          ? "IPv4 " : "";
      throw new UnknownHostException(host + " has no " + kind + "address");
    }
    return List.copyOf(result);
  }

  /**
   * The address {@code host} spells, or null if it is not a literal this class recognises.
   *
   * @throws UnknownHostException if {@code host} has a colon but is not an IPv6 literal: no
   *     name can have one, so there is nothing to look up
   */
  static InetAddress parseLiteral(String host) throws UnknownHostException {
    byte[] v4 = parseDottedQuad(host);
    if (v4 != null) {
      return InetAddress.getByAddress(v4);
    }
    if (host.indexOf(':') >= 0) {
      String bare = host.length() > 2 && host.charAt(0) == '[' && host.endsWith("]")
          ? host.substring(1, host.length() - 1) : host;
      // In brackets the JDK takes the text as an IPv6 literal or fails; it never asks DNS.
      return InetAddress.getAllByName("[" + bare + "]")[0];
    }
    return null;
  }

  /** Four decimal numbers 0..255 without leading zeros (inet_pton's IPv4 form), or null. */
  private static byte[] parseDottedQuad(String s) {
    byte[] out = new byte[4];
    int part = 0;
    int value = 0;
    int digits = 0;
    for (int i = 0, n = s.length(); i <= n; i++) {
      char c = i < n ? s.charAt(i) : '.';
      if (c == '.') {
        if (digits == 0 || part == 4) {
          return null;
        }
        out[part++] = (byte) value;
        value = 0;
        digits = 0;
      } else if (c >= '0' && c <= '9') {
        if (digits > 0 && value == 0) {
          return null; // a leading zero: octal to some parsers, so not ours to read
        }
        value = value * 10 + (c - '0');
        digits++;
        if (value > 255) {
          return null;
        }
      } else {
        return null;
      }
    }
    return part == 4 ? out : null;
  }

  private static UnknownHostException cannotResolve(String host, UnknownHostException cause) {
    UnknownHostException e =
        new UnknownHostException("cannot resolve " + host + ": " + cause.getMessage());
    e.initCause(cause);
    return e;
  }

  @Override
  public String toString() {
    return "Resolver.system()";
  }
}
