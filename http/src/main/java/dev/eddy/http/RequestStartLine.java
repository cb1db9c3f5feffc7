package dev.eddy.http;

/**
 * A request line: method, request target exactly as sent (origin-form {@code /path?query},
 * absolute-form, authority-form for CONNECT, or {@code *} for OPTIONS), version.
 */
public record RequestStartLine(String method, String target, HttpVersion version) {}
