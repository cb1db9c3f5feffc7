package dev.eddy.examples.upload;

import dev.eddy.http.HttpParameters;
import dev.eddy.http.HttpServerOptions;
import dev.eddy.web.Application;
import dev.eddy.web.Settings;
import dev.eddy.web.StaticFileHandler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Uploads and downloads of large files in one directory:
 *
 * <ul>
 *   <li>{@code PUT /upload/{name}} — {@link UploadHandler}: the body streams to disk, flat memory;
 *   <li>{@code GET /files/{name}} — Eddy's {@link StaticFileHandler}: {@code Range} requests (206,
 *       416), {@code ETag}, {@code If-None-Match}/{@code If-Modified-Since}, sent in pieces with
 *       back-pressure;
 *   <li>{@code GET /} — the complete files and their sizes, as JSON.
 * </ul>
 */
public final class UploadApp {

  /**
   * The largest upload {@link #serverOptions} lets in: 64 GiB. Eddy's body limit is per server,
   * so serve this application on a server of its own: a route that reads its body whole would
   * accept as much.
   */
  public static final long MAX_UPLOAD = 64L << 30;

  private UploadApp() {}

  /** The application, storing files in {@code dir}. */
  public static Application create(Path dir) {
    return new Application(Settings.DEFAULTS)
        .add("/upload/([^/]+)", UploadHandler::new, Map.of("dir", dir), "upload")
        .add("/files/(.+)", StaticFileHandler::new, Map.of("path", dir.toString()), "files")
        .get("/", ctx -> list(dir));
  }

  /** Server options with the body limit raised to {@link #MAX_UPLOAD}. */
  public static HttpServerOptions serverOptions() {
    return HttpServerOptions.DEFAULTS.withParams(
        HttpParameters.DEFAULTS.withMaxBodySize(MAX_UPLOAD));
  }

  private static Map<String, Long> list(Path dir) throws IOException {
    Map<String, Long> files = new LinkedHashMap<>();
    try (Stream<Path> all = Files.list(dir)) {
      for (Path p : (Iterable<Path>) all.sorted()::iterator) {
        String name = p.getFileName().toString();
        if (Files.isRegularFile(p) && !name.contains(".part-")) {
          files.put(name, Files.size(p));
        }
      }
    }
    return files;
  }
}
