package dev.eddy.http;

import dev.eddy.loop.IOLoop;
import dev.eddy.loop.Timeout;
import dev.eddy.stream.TlsOptions;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The idle keep-alive connections of an {@link AsyncHttpClient}, per origin (scheme, host, port,
 * and the TLS options they were made with): what Tornado's simple client lacks and curl has.
 *
 * <p>A connection is taken most-recently-used first (the one least likely to have been closed by
 * the server's idle timeout). An idle connection is closed and dropped after {@code idleTimeout},
 * when the server closes it (the stream listens while idle and runs its close callback), or when
 * more than {@code maxPerOrigin} are idle for its origin (the oldest goes). A server may still
 * close a connection just as it is taken: the client then retries an idempotent request once.
 *
 * <p>Threading: the client's loop thread.
 */
final class ConnectionPool {

  private static final Logger log = LoggerFactory.getLogger(ConnectionPool.class);

  /** An origin, with the TLS options its connections were made with (compared by identity). */
  record Key(String scheme, String host, int port, TlsOptions tls) {

    static Key of(ClientUrl url, TlsOptions tls) {
      return new Key(url.scheme(), url.host().toLowerCase(Locale.ROOT), url.port(),
          url.scheme().equals("https") ? tls : null);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && scheme.equals(k.scheme) && host.equals(k.host)
          && port == k.port && tls == k.tls;
    }

    @Override
    public int hashCode() {
      return (scheme.hashCode() * 31 + host.hashCode()) * 31 + port
          + System.identityHashCode(tls);
    }
  }

  private static final class Idle {
    final Http1Connection connection;
    Timeout timer;

    Idle(Http1Connection connection) {
      this.connection = connection;
    }
  }

  private final IOLoop loop;
  private final int maxPerOrigin;
  private final Duration idleTimeout;
  private final Map<Key, ArrayDeque<Idle>> idle = new HashMap<>();
  private boolean closed;

  /**
   * @param maxPerOrigin the most idle connections kept per origin; 0 keeps none
   * @param idleTimeout how long an idle connection is kept, or null for no limit
   */
  ConnectionPool(IOLoop loop, int maxPerOrigin, Duration idleTimeout) {
    this.loop = loop;
    this.maxPerOrigin = maxPerOrigin;
    this.idleTimeout = idleTimeout;
  }

  /** True if connections are kept at all. */
  boolean enabled() {
    return maxPerOrigin > 0 && !closed;
  }

  /** An open idle connection to {@code key}'s origin, taken out of the pool; or null. */
  Http1Connection take(Key key) {
    ArrayDeque<Idle> q = idle.get(key);
    Http1Connection found = null;
    while (q != null && !q.isEmpty() && found == null) {
      Idle i = q.pollLast();
      forget(i);
      if (!i.connection.stream().closed()) {
        found = i.connection;
      }
    }
    if (q != null && q.isEmpty()) {
      idle.remove(key);
    }
    return found;
  }

  /** Keeps {@code c}, whose last exchange ended cleanly, for reuse; or closes it. */
  void release(Key key, Http1Connection c) {
    if (!enabled() || c.stream().closed()) {
      c.close();
      return;
    }
    ArrayDeque<Idle> q = idle.computeIfAbsent(key, k -> new ArrayDeque<>());
    while (q.size() >= maxPerOrigin) {
      Idle oldest = q.pollFirst();
      forget(oldest);
      oldest.connection.close();
    }
    Idle i = new Idle(c);
    if (idleTimeout != null && !idleTimeout.isZero()) {
      i.timer = loop.callLater(idleTimeout, () -> evict(key, i, "idle"));
    }
    c.stream().setCloseCallback(() -> evict(key, i, "closed by the server"));
    q.addLast(i);
  }

  private void evict(Key key, Idle i, String why) {
    ArrayDeque<Idle> q = idle.get(key);
    if (q != null && q.remove(i)) {
      log.debug("Dropping pooled connection {} ({})", i.connection, why);
      forget(i);
      i.connection.close();
      if (q.isEmpty()) {
        idle.remove(key);
      }
    }
  }

  /** Stops watching an entry that leaves the pool. */
  private static void forget(Idle i) {
    if (i.timer != null) {
      i.timer.cancel();
      i.timer = null;
    }
    i.connection.stream().setCloseCallback(null);
  }

  /** Idle connections, over all origins. */
  int size() {
    int n = 0;
    for (ArrayDeque<Idle> q : idle.values()) {
      n += q.size();
    }
    return n;
  }

  /** Closes every idle connection; later releases close theirs. */
  void close() {
    closed = true;
    List<Idle> all = new ArrayList<>();
    idle.values().forEach(all::addAll);
    idle.clear();
    for (Idle i : all) {
      forget(i);
      i.connection.close();
    }
  }
}
