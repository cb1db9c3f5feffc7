package dev.eddy.web;

import java.io.IOException;
import java.nio.file.Path;
import dev.eddy.loop.ResourceTracker;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What {@link StaticFileHandler} keeps between requests: a few 64 KiB arrays per thread for the
 * pieces of files being sent, and the real path of each static root. A handler takes an array
 * for a response and gives it back when the response has left; an array not given back (a
 * response that never ended) is simply collected. Thread-confined pools; the root map is
 * thread-safe.
 */
final class FileChunks {

  /**
   * Arrays kept per thread (4 MiB at most): one per response sending a file at the same time on
   * one loop, up to this many. A burst of more allocates the rest, and those are dropped after.
   */
  private static final int KEPT = 64;
  private static final ThreadLocal<ArrayDeque<byte[]>> FREE =
      ThreadLocal.withInitial(ArrayDeque::new);
  /** Static roots by their configured path: resolved once, not on every request. */
  private static final ConcurrentHashMap<Path, Path> REAL_ROOTS = new ConcurrentHashMap<>();
  /** The arrays taken and not given back, while {@link ResourceTracker} is on. */
  private static final Set<byte[]> LENT =
      Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));

  private FileChunks() {}

  /** A {@link StaticFileHandler#CHUNK}-byte array for this thread's use. */
  static byte[] take() {
    byte[] a = FREE.get().pollFirst();
    if (a == null) {
      a = new byte[StaticFileHandler.CHUNK];
    }
    if (ResourceTracker.enabled()) {
      byte[] lent = a;
      LENT.add(lent);
      ResourceTracker.track("pooled file chunk", "of " + lent.length + " bytes",
          () -> LENT.contains(lent));
    }
    return a;
  }

  /** Returns an array from {@link #take} once nothing refers to it any more. */
  static void give(byte[] array) {
    if (ResourceTracker.enabled()) {
      LENT.remove(array);
    }
    ArrayDeque<byte[]> free = FREE.get();
    if (free.size() < KEPT) {
      free.addFirst(array);
    }
  }

  /**
   * The real path of a static root (links resolved), or the root itself while it does not exist
   * (then nothing under it does either). Cached once it exists.
   */
  static Path realRoot(Path root) {
    Path real = REAL_ROOTS.get(root);
    if (real != null) {
      return real;
    }
    try {
      real = root.toRealPath();
    } catch (IOException e) {
      return root;
    }
    REAL_ROOTS.put(root, real);
    return real;
  }
}
