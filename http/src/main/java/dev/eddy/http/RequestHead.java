package dev.eddy.http;

/**
 * A parsed, validated request head.
 *
 * @param startLine the request line
 * @param headers the fields, in order (equal duplicate {@code Content-Length}s merged)
 * @param framing the body's framing: NONE, LENGTH or CHUNKED (never UNTIL_CLOSE for a request)
 * @param expectContinue true for {@code Expect: 100-continue} on HTTP/1.1
 */
record RequestHead(RequestStartLine startLine, HttpHeaders headers, Framing framing,
    boolean expectContinue) {}
