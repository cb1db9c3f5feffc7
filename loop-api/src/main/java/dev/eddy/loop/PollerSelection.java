package dev.eddy.loop;

import dev.eddy.loop.spi.PollerProvider;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the backend a new {@link IOLoop} runs on.
 *
 * <ol>
 *   <li>{@code -Deddy.poller=NAME}, else the environment variable {@code EDDY_POLLER}: that
 *       backend, or a {@link PollerUnavailableException} naming the cause and the available
 *       backends. Never a silent fallback.</li>
 *   <li>{@code -Deddy.noNative=true}: {@code nio}.</li>
 *   <li>Otherwise the available backend of highest {@link PollerProvider#priority() priority}
 *       (epoll-netty, epoll-jna, kqueue, nio), logged once at INFO.</li>
 * </ol>
 *
 * <p>Backends are found with {@link ServiceLoader} on the class loader of this class and the
 * thread's context class loader. Thread-safe.
 */
public final class PollerSelection {

  /** System property naming the backend. */
  public static final String POLLER_PROPERTY = "eddy.poller";
  /** Environment variable naming the backend, read when the property is not set. */
  public static final String POLLER_ENV = "EDDY_POLLER";
  /** System property that forces the {@code nio} backend. */
  public static final String NO_NATIVE_PROPERTY = "eddy.noNative";

  private static final Logger log = LoggerFactory.getLogger(PollerSelection.class);
  private static final AtomicBoolean loggedChoice = new AtomicBoolean();

  private PollerSelection() {}

  /** Every backend on the class path, available or not, highest priority first. */
  public static List<PollerProvider> all() {
    List<PollerProvider> found = new ArrayList<>();
    collect(ServiceLoader.load(PollerProvider.class, PollerSelection.class.getClassLoader()), found);
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    if (context != null) {
      collect(ServiceLoader.load(PollerProvider.class, context), found);
    }
    found.sort(Comparator.comparingInt(PollerProvider::priority).reversed()
        .thenComparing(PollerProvider::name));
    return found;
  }

  /** The names of the backends that can run here, highest priority first. */
  public static List<String> availableNames() {
    return all().stream().filter(PollerProvider::isAvailable).map(PollerProvider::name)
        .collect(Collectors.toList());
  }

  /**
   * The backend by name.
   *
   * @throws PollerUnavailableException if no backend has that name, or it cannot run here
   */
  public static PollerProvider named(String name) {
    String wanted = name.trim().toLowerCase(Locale.ROOT);
    List<PollerProvider> all = all();
    for (PollerProvider p : all) {
      if (p.name().equals(wanted)) {
        if (!p.isAvailable()) {
          Throwable cause = p.unavailabilityCause();
          throw new PollerUnavailableException("poller '" + wanted + "' is not available here: "
              + (cause == null ? "no reason given" : cause) + "; available: " + names(all), cause);
        }
        return p;
      }
    }
    throw new PollerUnavailableException("unknown poller '" + wanted + "'; available: "
        + names(all) + " (set by -D" + POLLER_PROPERTY + " or " + POLLER_ENV + ")", null);
  }

  /**
   * The backend chosen by the rules above.
   *
   * @throws PollerUnavailableException if a named backend is unknown or unavailable, or (which
   *     a class path with {@code eddy-loop-nio} never sees) no backend is available at all
   */
  public static PollerProvider choose() {
    String named = System.getProperty(POLLER_PROPERTY);
    if (named == null || named.isBlank()) {
      named = System.getenv(POLLER_ENV);
    }
    if (named != null && !named.isBlank()) {
      return named(named);
    }
    if (Boolean.getBoolean(NO_NATIVE_PROPERTY)) {
      return named("nio");
    }
    List<PollerProvider> all = all();
    for (PollerProvider p : all) {
      if (p.isAvailable()) {
        if (loggedChoice.compareAndSet(false, true)) {
          log.info("Eddy poller: {} (available: {})", p.name(), names(all));
        }
        return p;
      }
    }
    throw new PollerUnavailableException("no poller backend is available; put eddy-loop-nio "
        + "(always available) on the class path. Found: " + describe(all), null);
  }

  private static void collect(ServiceLoader<PollerProvider> loader, List<PollerProvider> into) {
    for (PollerProvider p : loader) {
      boolean seen = into.stream().anyMatch(q -> q.getClass() == p.getClass());
      if (!seen) {
        into.add(p);
      }
    }
  }

  private static String names(List<PollerProvider> all) {
    String available = all.stream().filter(PollerProvider::isAvailable).map(PollerProvider::name)
        .collect(Collectors.joining(", "));
    return available.isEmpty() ? "(none)" : available;
  }

  private static String describe(List<PollerProvider> all) {
    if (all.isEmpty()) {
      return "(no backend on the class path)";
    }
    return all.stream().map(p -> p.name() + ": " + p.unavailabilityCause())
        .collect(Collectors.joining("; "));
  }
}
