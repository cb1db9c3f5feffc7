package dev.eddy.http;

/** A status line: version, three-digit status code, reason phrase (possibly empty). */
public record ResponseStartLine(HttpVersion version, int code, String reason) {}
