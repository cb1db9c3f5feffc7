package dev.eddy.stream;

import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * A {@link Resolver} that rewrites some names before passing them on: local DNS changes for tests
 * without touching the system's settings; Tornado's {@code OverrideResolver}.
 *
 * <pre>{@code
 * Resolver r = OverrideResolver.builder(Resolver.system())
 *     .map("example.com", "127.0.0.1")                          // host -> host, port kept
 *     .map("login.example.com", 443, "localhost", 1443)         // host and port
 *     .map("login.example.com", 443, AddressFamily.INET6, "::1", 1443) // and family
 *     .build();
 * }</pre>
 *
 * <p>A lookup of {@code (host, port, family)} tries the key {@code (host, port, family)}, then
 * {@code (host, port)}, then {@code host}; the first that is mapped gives the target, which the
 * delegate then resolves with the same family (a host-only mapping keeps the port). An unmapped
 * name goes to the delegate as it is. Mapping is applied once, never to its own result. Host names
 * in keys compare ignoring ASCII case.
 *
 * <h2>Threading and errors</h2>
 * Immutable once built and thread-safe itself; {@link #resolve} has the threading, result and
 * error rules of the delegate (see {@link Resolver}), and also throws {@link
 * IllegalArgumentException} for a port outside {@code 0..65535}. {@link #close()} closes the
 * delegate.
 */
public final class OverrideResolver implements Resolver {

  private final Resolver delegate;
  private final Map<Key, Target> mapping;

  private OverrideResolver(Resolver delegate, Map<Key, Target> mapping) {
    this.delegate = delegate;
    this.mapping = Map.copyOf(mapping);
  }

  /**
   * A builder of a resolver that passes names to {@code delegate}.
   *
   * @throws NullPointerException if {@code delegate} is null
   */
  public static Builder builder(Resolver delegate) {
    return new Builder(Objects.requireNonNull(delegate, "delegate"));
  }

  @Override
  public CompletableFuture<List<InetSocketAddress>> resolve(String host, int port,
      AddressFamily family) {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(family, "family");
    SystemResolver.checkPort(port);
    String name = normalise(host);
    Target target = mapping.get(new Key(name, port, family));
    if (target == null) {
      target = mapping.get(new Key(name, port, null));
    }
    if (target == null) {
      target = mapping.get(new Key(name, -1, null));
    }
    if (target == null) {
      return delegate.resolve(host, port, family);
    }
    return delegate.resolve(target.host, target.port < 0 ? port : target.port, family);
  }

  /** Closes the delegate. */
  @Override
  public void close() {
    delegate.close();
  }

  @Override
  public String toString() {
    return "OverrideResolver[" + mapping.size() + " mapping(s) over " + delegate + "]";
  }

  private static String normalise(String host) {
    return host.toLowerCase(Locale.ROOT);
  }

  /**
   * Collects the mapping of an {@link OverrideResolver}. Not thread-safe: use it from one thread,
   * then {@link #build()}. Mapping a key again replaces its target.
   */
  public static final class Builder {

    private final Resolver delegate;
    private final Map<Key, Target> mapping = new HashMap<>();

    private Builder(Resolver delegate) {
      this.delegate = delegate;
    }

    /**
     * Maps every lookup of {@code host} (whatever the port and family, unless a more specific
     * key matches) to {@code targetHost}, keeping the port.
     *
     * @throws NullPointerException if an argument is null
     */
    public Builder map(String host, String targetHost) {
      return put(new Key(normalise(requireHost(host)), -1, null), targetHost, -1);
    }

    /**
     * Maps lookups of {@code host} and {@code port} (whatever the family, unless a more specific
     * key matches) to {@code targetHost} and {@code targetPort}.
     *
     * @throws IllegalArgumentException if a port is outside {@code 0..65535}
     * @throws NullPointerException if an argument is null
     */
    public Builder map(String host, int port, String targetHost, int targetPort) {
      SystemResolver.checkPort(port);
      SystemResolver.checkPort(targetPort);
      return put(new Key(normalise(requireHost(host)), port, null), targetHost, targetPort);
    }

    /**
     * Maps lookups of {@code host} and {@code port} for {@code family} exactly ({@link
     * AddressFamily#UNSPEC} matches only lookups for {@code UNSPEC}) to {@code targetHost} and
     * {@code targetPort}.
     *
     * @throws IllegalArgumentException if a port is outside {@code 0..65535}
     * @throws NullPointerException if an argument is null
     */
    public Builder map(String host, int port, AddressFamily family, String targetHost,
        int targetPort) {
      Objects.requireNonNull(family, "family");
      SystemResolver.checkPort(port);
      SystemResolver.checkPort(targetPort);
      return put(new Key(normalise(requireHost(host)), port, family), targetHost, targetPort);
    }

    /** The resolver; later changes to this builder do not affect it. */
    public OverrideResolver build() {
      return new OverrideResolver(delegate, mapping);
    }

    private Builder put(Key key, String targetHost, int targetPort) {
      mapping.put(key, new Target(requireHost(targetHost), targetPort));
      return this;
    }

    private static String requireHost(String host) {
      return Objects.requireNonNull(host, "host");
    }
  }

  /** A lookup key; {@code port} -1 and {@code family} null stand for "any". */
  private record Key(String host, int port, AddressFamily family) {}

  /** A target; {@code port} -1 keeps the port looked up. */
  private record Target(String host, int port) {}
}
