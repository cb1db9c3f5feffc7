package dev.eddy.web;

import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The content versions of static files for {@link RequestHandler#staticUrl}, computed once per
 * file and kept (Tornado keeps them until the process restarts; a changed file needs a restart,
 * or {@code debug} would have to recompute — Eddy keeps it simple and caches). Thread-safe.
 */
final class StaticVersions {

  private static final ConcurrentHashMap<Path, String> CACHE = new ConcurrentHashMap<>();

  private StaticVersions() {}

  /** The version of {@code file}, or null if it cannot be read (not cached then). */
  static String of(Path file) {
    Path key = file.toAbsolutePath().normalize();
    String v = CACHE.get(key);
    if (v == null) {
      v = StaticFileHandler.versionOf(key);
      if (v != null) {
        CACHE.put(key, v);
      }
    }
    return v;
  }
}
