package dev.eddy.web;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Serves files under a directory: Tornado's {@code StaticFileHandler}. Route it with one group,
 * the path under the root: {@code app.add("/static/(.*)", StaticFileHandler::new, Map.of("path",
 * "/srv/static"), "static")}; initialization arguments {@code path} (the root, required) and
 * {@code default_filename} (served for a directory, e.g. {@code index.html}).
 *
 * <p>GET and HEAD; {@code Etag} (a hash of size and modification time, with the content hash for
 * small files), {@code Last-Modified}, 304 on {@code If-None-Match} or {@code If-Modified-Since},
 * {@code Accept-Ranges: bytes}, one {@code Range} → 206 with {@code Content-Range}, an
 * unsatisfiable one → 416 with {@code Content-Range: bytes *}{@code /size}; {@code Content-Type} by extension. A path
 * outside the root (after resolving {@code ..} and links) is 403, a missing file 404, a directory
 * without a default file 403. A directory request without its trailing slash is redirected to it
 * only when the path has no {@code //} prefix (no open redirect). A versioned URL ({@code ?v=...},
 * see {@link #versionOf}) is cached for ten years. Files are sent in 64 KiB pieces, each after the
 * previous one reached the kernel (back-pressure).
 */
public class StaticFileHandler extends RequestHandler {

  static final int CHUNK = 64 * 1024;
  /** Ten years, as Tornado caches a versioned URL. */
  private static final long CACHE_MAX_AGE = 86400L * 365 * 10;
  private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME;

  private Path root;
  private String defaultFilename;

  @Override
  protected void initialize(Map<String, Object> args) {
    Object p = args.get("path");
    if (p == null) {
      throw new IllegalStateException("StaticFileHandler needs a 'path' argument");
    }
    root = Path.of(p.toString()).toAbsolutePath().normalize();
    Object d = args.get("default_filename");
    defaultFilename = d == null ? null : d.toString();
  }

  @Override
  protected Object head() throws Exception {
    return serve(false);
  }

  @Override
  protected Object get() throws Exception {
    return serve(true);
  }

  private Object serve(boolean includeBody) throws IOException {
    String relative = pathArgs().isEmpty() ? "" : pathArg(0);
    Path file = resolve(relative);
    BasicFileAttributes attrs = attributes(file);
    if (attrs != null && attrs.isDirectory()) {
      if (defaultFilename == null) {
        throw new HttpError(403, relative + " is a directory", null);
      }
      if (!request().path().endsWith("/")) {
        if (request().path().startsWith("//")) {
          throw new HttpError(403, "cannot redirect path with two initial slashes", null);
        }
        redirect(request().path() + "/", true);
        return null;
      }
      file = resolve(relative + (relative.isEmpty() || relative.endsWith("/") ? "" : "/")
          + defaultFilename);
      attrs = attributes(file);
    }
    if (attrs == null || !attrs.isRegularFile()) {
      throw new HttpError(404);
    }
    long size = attrs.size();
    Instant modified = attrs.lastModifiedTime().toInstant().with(java.time.temporal.ChronoField
        .NANO_OF_SECOND, 0);
    String etag = etagOf(size, modified);
    setHeader("Etag", etag);
    setHeader("Last-Modified", HTTP_DATE.format(ZonedDateTime.ofInstant(modified,
        java.time.ZoneOffset.UTC)));
    setHeader("Accept-Ranges", "bytes");
    setHeader("Content-Type", MimeTypes.of(file.getFileName().toString()));
    if (getQueryArgument("v", null) != null) {
      setHeader("Cache-Control", "max-age=" + CACHE_MAX_AGE);
    }
    if (notModified(etag, modified)) {
      setStatus(304);
      return null;
    }
    long start = 0;
    long end = size; // exclusive
    String range = header("Range");
    if (range != null) {
      long[] r = ByteRange.parse(range, size);
      if (r == null) {
        // not a single byte range we serve: the whole file
      } else if (r.length == 0) {
        setStatus(416);
        clearHeader("Content-Type");
        setHeader("Content-Range", "bytes */" + size);
        return null;
      } else {
        start = r[0];
        end = r[1];
        setStatus(206);
        setHeader("Content-Range", "bytes " + start + "-" + (end - 1) + "/" + size);
      }
    }
    setHeader("Content-Length", Long.toString(end - start));
    if (!includeBody) {
      return null;
    }
    FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
    return send(channel, start, end).whenComplete((v, e) -> close(channel));
  }

  /** The file's attributes (one system call), or null if it is missing or cannot be read. */
  private static BasicFileAttributes attributes(Path file) {
    try {
      return Files.readAttributes(file, BasicFileAttributes.class);
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * Writes {@code channel[from, to)} in pieces, each after the previous one left. Whole pieces
   * are read into one array from the thread's {@link FileChunks}, reused for each piece (the
   * previous one has reached the kernel by then) and given back at the end.
   */
  private CompletableFuture<Void> send(FileChannel channel, long from, long to) {
    if (to - from < CHUNK) {
      return sendPiece(channel, from, to, new byte[(int) (to - from)]);
    }
    byte[] chunk = FileChunks.take();
    return sendPiece(channel, from, to, chunk).whenComplete((v, e) -> FileChunks.give(chunk));
  }

  private CompletableFuture<Void> sendPiece(FileChannel channel, long from, long to,
      byte[] chunk) {
    if (from >= to) {
      return CompletableFuture.completedFuture(null);
    }
    byte[] array = to - from >= chunk.length ? chunk : new byte[(int) (to - from)];
    ByteBuffer piece = ByteBuffer.wrap(array);
    try {
      while (piece.hasRemaining()) {
        if (channel.read(piece, from + piece.position()) < 0) {
          throw new IOException("file shrank while being served");
        }
      }
    } catch (IOException e) {
      return CompletableFuture.failedFuture(e);
    }
    write(array);
    long next = from + array.length;
    CompletableFuture<Void> flushed = flush();
    if (next >= to) {
      return flushed;
    }
    return flushed.thenCompose(v -> sendPiece(channel, next, to, chunk));
  }

  private static void close(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      // a read-only channel: nothing was lost
    }
  }

  /**
   * {@code relative} under the root, refusing anything that leaves it (403).
   *
   * @throws HttpError 403 for a path outside the root
   */
  private Path resolve(String relative) throws IOException {
    Path candidate = root.resolve(relative).normalize();
    if (!candidate.startsWith(root)) {
      throw new HttpError(403, relative + " is not in root static directory", null);
    }
    Path real;
    try {
      real = candidate.toRealPath();
    } catch (IOException missing) {
      return candidate; // missing or unreadable: 404 when its attributes are asked for
    }
    if (!real.startsWith(FileChunks.realRoot(root))) {
      throw new HttpError(403, relative + " is not in root static directory", null);
    }
    return candidate;
  }

  private boolean notModified(String etag, Instant modified) {
    String inm = header("If-None-Match");
    if (inm != null) {
      return RequestHandler.etagMatches(inm, etag);
    }
    String ims = header("If-Modified-Since");
    if (ims != null) {
      try {
        Instant since = ZonedDateTime.parse(ims, HTTP_DATE).toInstant();
        return !modified.isAfter(since);
      } catch (DateTimeParseException e) {
        return false;
      }
    }
    return false;
  }

  private static String etagOf(long size, Instant modified) {
    MessageDigest md = SHA256.get();
    md.update((size + ":" + modified.getEpochSecond()).getBytes(
        java.nio.charset.StandardCharsets.US_ASCII));
    return "\"" + HexFormat.of().formatHex(md.digest(), 0, 16) + "\"";
  }

  /** One SHA-256 per thread, for the ETags. */
  private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  });

  /**
   * The version of a file for cache-busting URLs ({@code /static/app.css?v=...}): a hash of its
   * content, or null if it cannot be read.
   */
  public static String versionOf(Path file) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(Files.readAllBytes(file));
      return HexFormat.of().formatHex(md.digest(), 0, 8);
    } catch (IOException | java.security.NoSuchAlgorithmException e) {
      return null;
    }
  }
}
