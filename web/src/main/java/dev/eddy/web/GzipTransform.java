package dev.eddy.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;
import java.util.zip.GZIPOutputStream;

/**
 * Tornado's {@code GZipContentEncoding} output transform for whole answers (not for streamed,
 * flushed ones): with the {@code compressResponse} setting, a body of at least {@value #MIN_LENGTH}
 * bytes of a text-like type, to a client whose {@code Accept-Encoding} has gzip, is sent gzipped
 * with {@code Content-Encoding: gzip}; {@code Vary: Accept-Encoding} is set on every answer the
 * transform looked at. The ETag is the uncompressed body's (computed first).
 */
final class GzipTransform {

  static final int MIN_LENGTH = 1024;
  private static final Set<String> TYPES = Set.of("application/javascript",
      "application/x-javascript", "application/xml", "application/atom+xml",
      "application/json", "application/xhtml+xml", "image/svg+xml");

  private GzipTransform() {}

  static byte[] apply(RequestHandler h, byte[] body) {
    if (!h.application().settings().compressResponse()) {
      return body;
    }
    h.addHeader("Vary", "Accept-Encoding");
    String accept = h.header("Accept-Encoding");
    if (accept == null || !accept.toLowerCase(Locale.ROOT).contains("gzip")
        || body.length < MIN_LENGTH || h.responseHeaders().contains("Content-Encoding")
        || !compressible(h.responseHeaders().get("Content-Type"))) {
      return body;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 3 + 32);
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(body);
    } catch (IOException impossible) {
      return body; // an in-memory stream does not fail
    }
    h.setHeader("Content-Encoding", "gzip");
    h.clearHeader("Content-Length");
    return out.toByteArray();
  }

  private static boolean compressible(String contentType) {
    if (contentType == null) {
      return false;
    }
    String type = contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
    return type.startsWith("text/") || TYPES.contains(type);
  }
}
