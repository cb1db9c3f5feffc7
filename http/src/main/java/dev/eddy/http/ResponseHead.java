package dev.eddy.http;

/**
 * A parsed, validated response head. Its body framing depends on the request it answers ({@link
 * HeadParser#responseFraming}).
 */
record ResponseHead(ResponseStartLine startLine, HttpHeaders headers) {}
