package dev.eddy.examples;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Files an example ships inside its jar (static files, templates), copied to a fresh temporary
 * directory so that Eddy's file-based {@code staticPath} and template settings can serve them
 * from the shaded demo jar as well as from {@code target/classes}. {@link #close()} deletes the
 * copy.
 *
 * <p>Threading: make and close it on one thread; the directory is read-only after {@link #copy}.
 */
public final class BundledFiles implements AutoCloseable {

  private final Path dir;

  private BundledFiles(Path dir) {
    this.dir = dir;
  }

  /**
   * Copies the class-path resources {@code prefix + "/" + name} for each name (which may contain
   * {@code /}) into a new temporary directory.
   *
   * @throws IllegalStateException if a resource is missing (the jar was built without it)
   * @throws UncheckedIOException if the copy fails
   */
  public static BundledFiles copy(String prefix, List<String> names) {
    Path dir;
    try {
      dir = Files.createTempDirectory("eddy-example-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot make a temporary directory", e);
    }
    BundledFiles files = new BundledFiles(dir);
    try {
      for (String name : names) {
        String resource = prefix + "/" + name;
        try (InputStream in = BundledFiles.class.getClassLoader().getResourceAsStream(resource)) {
          if (in == null) {
            throw new IllegalStateException("resource " + resource + " is not on the class path");
          }
          Path target = dir.resolve(name);
          Files.createDirectories(target.getParent());
          Files.copy(in, target);
        }
      }
    } catch (IOException e) {
      files.close();
      throw new UncheckedIOException("cannot copy " + prefix + " to " + dir, e);
    } catch (RuntimeException e) {
      files.close();
      throw e;
    }
    return files;
  }

  /** The directory holding the copies. */
  public Path dir() {
    return dir;
  }

  /** Deletes the copies and the directory; best effort, idempotent. */
  @Override
  public void close() {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir, e);
    }
  }
}
