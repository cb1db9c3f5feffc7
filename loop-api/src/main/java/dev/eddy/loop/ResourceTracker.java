package dev.eddy.loop;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * A debugging aid that keeps a list of the resources Eddy opened and not yet released — loop
 * handles ({@link IOLoop#addHandler} until {@link IOLoop#removeHandler} or the loop's close),
 * streams (until closed, or their loop closed), pooled buffers (until given back) — each with
 * where it was opened. Test suites turn it on with the system property {@value #PROPERTY}{@code
 * =true} and check that a test class left nothing open ({@code ResourceLeakCheck} of {@code
 * eddy-loop-tck} does, after each class, and prints what it finds).
 *
 * <p>Off (the default), {@link #track} returns at once: one read of a constant, which the JIT
 * removes. On, each tracked resource costs an entry and a stack trace; it is meant for tests, not
 * for production.
 *
 * <p>Thread-safe: resources are tracked from loop threads and listed from a test's thread. A
 * resource counts as released once the condition given to {@link #track} turns false; the
 * condition is read from the listing thread, so it should read state that is safe to read from
 * another thread once the owner stopped (a volatile flag, or a field written before the loop
 * ended).
 */
public final class ResourceTracker {

  /** The system property that turns tracking on ({@code true}); read once, at class load. */
  public static final String PROPERTY = "eddy.trackResources";

  private static final boolean ENABLED = Boolean.getBoolean(PROPERTY);
  /** Released entries are swept out when this many were added since the last sweep. */
  private static final int SWEEP_EVERY = 4096;
  private static final ConcurrentLinkedQueue<Tracked> OPEN = new ConcurrentLinkedQueue<>();
  private static final AtomicInteger SINCE_SWEEP = new AtomicInteger();
  private static final AtomicLong IDS = new AtomicLong();

  private ResourceTracker() {}

  /** One open resource: what it is, its id and where it was opened. */
  public static final class Tracked {
    private final long id;
    private final String kind;
    private final Object resource;
    private final BooleanSupplier open;
    private final Throwable openedAt;
    private final String thread;

    private Tracked(String kind, Object resource, BooleanSupplier open) {
      this.id = IDS.incrementAndGet();
      this.kind = kind;
      this.resource = resource;
      this.open = open;
      this.thread = Thread.currentThread().getName();
      this.openedAt = new Throwable("opened here");
    }

    /** A number unique to this entry, increasing in the order resources were tracked. */
    public long id() {
      return id;
    }

    /** Whether the resource is still open (its condition still holds). */
    public boolean isOpen() {
      return open.getAsBoolean();
    }

    /**
     * The kind, the resource, the thread that opened it and the first frames of where (outside
     * this class), on several lines.
     */
    public String describe() {
      StringBuilder b = new StringBuilder(kind).append(' ').append(resource)
          .append(" (opened on thread ").append(thread).append(')');
      int shown = 0;
      for (StackTraceElement e : openedAt.getStackTrace()) {
        if (e.getClassName().equals(ResourceTracker.class.getName())) {
          continue;
        }
        b.append("\n    at ").append(e);
        if (++shown == 12) {
          break;
        }
      }
      return b.toString();
    }

    @Override
    public String toString() {
      return kind + " " + resource;
    }
  }

  /** Whether tracking is on ({@value #PROPERTY}{@code =true}). */
  public static boolean enabled() {
    return ENABLED;
  }

  /**
   * Tracks {@code resource} (described by its {@code toString} when listed) while {@code open}
   * holds. Does nothing when tracking is off.
   *
   * @param kind what it is, as "stream" or "loop handle"
   */
  public static void track(String kind, Object resource, BooleanSupplier open) {
    if (!ENABLED) {
      return;
    }
    OPEN.add(new Tracked(kind, resource, open));
    if (SINCE_SWEEP.incrementAndGet() >= SWEEP_EVERY) {
      SINCE_SWEEP.set(0);
      OPEN.removeIf(t -> !t.isOpen());
    }
  }

  /** The tracked resources still open, oldest first (released ones are dropped on the way). */
  public static List<Tracked> open() {
    List<Tracked> list = new ArrayList<>();
    for (Iterator<Tracked> it = OPEN.iterator(); it.hasNext(); ) {
      Tracked t = it.next();
      if (t.isOpen()) {
        list.add(t);
      } else {
        it.remove();
      }
    }
    return list;
  }
}
