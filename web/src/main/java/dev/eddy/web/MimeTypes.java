package dev.eddy.web;

import java.util.Locale;
import java.util.Map;

/**
 * Content types by file extension for {@link StaticFileHandler}: the common web types; text types
 * get {@code charset=UTF-8}; anything else is {@code application/octet-stream}.
 */
final class MimeTypes {

  private static final Map<String, String> TYPES = Map.ofEntries(
      Map.entry("html", "text/html; charset=UTF-8"), Map.entry("htm", "text/html; charset=UTF-8"),
      Map.entry("css", "text/css; charset=UTF-8"),
      Map.entry("js", "text/javascript; charset=UTF-8"),
      Map.entry("mjs", "text/javascript; charset=UTF-8"),
      Map.entry("json", "application/json"), Map.entry("txt", "text/plain; charset=UTF-8"),
      Map.entry("csv", "text/csv; charset=UTF-8"), Map.entry("xml", "application/xml"),
      Map.entry("svg", "image/svg+xml"), Map.entry("png", "image/png"),
      Map.entry("jpg", "image/jpeg"), Map.entry("jpeg", "image/jpeg"),
      Map.entry("gif", "image/gif"), Map.entry("webp", "image/webp"),
      Map.entry("ico", "image/vnd.microsoft.icon"), Map.entry("pdf", "application/pdf"),
      Map.entry("wasm", "application/wasm"), Map.entry("woff", "font/woff"),
      Map.entry("woff2", "font/woff2"), Map.entry("zip", "application/zip"),
      Map.entry("gz", "application/gzip"), Map.entry("mp4", "video/mp4"),
      Map.entry("mp3", "audio/mpeg"));

  private MimeTypes() {}

  static String of(String fileName) {
    int dot = fileName.lastIndexOf('.');
    if (dot < 0) {
      return "application/octet-stream";
    }
    return TYPES.getOrDefault(fileName.substring(dot + 1).toLowerCase(Locale.ROOT),
        "application/octet-stream");
  }
}
