package dev.eddy.benchmarks.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.Stream;

/**
 * The files a run writes to a temporary directory and deletes at the end: the 64 KiB static
 * file (the same bytes for every server), wrk's pipelining script, Tornado's server script and
 * nginx's configuration. The directory is world-readable so that nginx's worker, which drops
 * root's privileges, can read the static file.
 */
final class Fixtures implements AutoCloseable {

  private final Path dir;
  private final byte[] staticBytes;

  private Fixtures(Path dir, byte[] staticBytes) {
    this.dir = dir;
    this.staticBytes = staticBytes;
  }

  /** Writes the fixtures to a new temporary directory. */
  static Fixtures create() throws IOException {
    Path dir = Files.createTempDirectory("eddy-versus-");
    Fixtures f = null;
    try {
      byte[] bytes = new byte[HelloBodies.STATIC_SIZE];
      new Random(64).nextBytes(bytes);
      f = new Fixtures(dir, bytes);
      Files.createDirectories(f.staticDir());
      Files.createDirectories(f.nginxDir());
      Files.createDirectories(f.logDir());
      Files.write(f.staticDir().resolve(HelloBodies.STATIC_NAME), bytes);
      Files.writeString(f.pipelineScript(), Scripts.PIPELINE_LUA);
      Files.writeString(f.tornadoScript(), Scripts.TORNADO_PY);
      try (Stream<Path> all = Files.walk(dir)) {
        for (Path p : (Iterable<Path>) all::iterator) {
          Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(
              Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
        }
      }
      return f;
    } catch (IOException | RuntimeException e) {
      delete(dir);
      throw e;
    }
  }

  /** The directory served under {@code /static/}. */
  Path staticDir() {
    return dir.resolve("static");
  }

  /** The bytes of {@code /static/64k.bin}. */
  byte[] staticBytes() {
    return staticBytes.clone();
  }

  /** Where the servers' standard output and error go. */
  Path logDir() {
    return dir.resolve("logs");
  }

  Path pipelineScript() {
    return dir.resolve("pipeline.lua");
  }

  Path tornadoScript() {
    return dir.resolve("tornado_hello.py");
  }

  /** nginx's prefix directory: its configuration, pid file, logs and temporary files. */
  Path nginxDir() {
    return dir.resolve("nginx");
  }

  /** Writes nginx's configuration for {@code port} and returns its path. */
  Path nginxConfig(int port) {
    Path conf = nginxDir().resolve("nginx.conf");
    try {
      Files.writeString(conf, Scripts.nginxConf(port, nginxDir(), dir));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return conf;
  }

  @Override
  public void close() {
    delete(dir);
  }

  private static void delete(Path dir) {
    try (Stream<Path> all = Files.walk(dir)) {
      all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      System.err.println("versus: could not delete " + dir + ": " + e.getMessage());
    }
  }
}
