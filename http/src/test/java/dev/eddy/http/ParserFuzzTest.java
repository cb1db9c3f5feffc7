package dev.eddy.http;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzz targets of the request-head parser, the response-head parser, the chunk-size line and the
 * trailer section (Jazzer). In {@code mvn verify} each replays its committed corpus under {@code
 * src/test/resources/dev/eddy/http/ParserFuzzTestInputs/<target>/}; with {@code JAZZER_FUZZ=1} it
 * fuzzes (see the README's "Fuzzing" section). The invariants: the only exception is {@link
 * HttpInputException} (with a status a server can send); nothing is read past the length given;
 * and what parses is something Eddy would accept again — no CR, LF or NUL in any field, a token
 * method, a target without spaces or controls, a framing that is one of the kinds, a chunk size
 * within the body limit.
 */
class ParserFuzzTest {

  /** Small limits, so that the limit paths are reached as often as the others. */
  private static final HttpParameters LIMITS = HttpParameters.DEFAULTS.withMaxStartLineBytes(256)
      .withMaxHeaderBytes(1024).withMaxHeaderCount(16).withMaxBodySize(1 << 20);

  @FuzzTest(maxDuration = "5m")
  void requestHead(byte[] input) {
    // The parser gets a longer array than the head, as from the read buffer: bytes past the
    // length are poison and must not change the outcome.
    byte[] padded = java.util.Arrays.copyOf(input, input.length + 8);
    java.util.Arrays.fill(padded, input.length, padded.length, (byte) '\n');
    RequestHead head;
    try {
      head = HeadParser.parseRequest(padded, input.length, LIMITS);
    } catch (HttpInputException e) {
      assertTrue(e.status() >= 400 && e.status() <= 505, "status " + e.status());
      return;
    }
    assertTrue(Grammar.isToken(head.startLine().method()), head.startLine().method());
    String target = head.startLine().target();
    assertTrue(!target.isEmpty(), "empty target");
    for (int i = 0; i < target.length(); i++) {
      char c = target.charAt(i);
      assertTrue(c > ' ' && c != 0x7f, "target with a space or control: " + target);
    }
    assertTrue(head.headers().size() <= LIMITS.maxHeaderCount(), "fields over the limit");
    checkFields(head.headers());
    assertTrue(head.framing() != null, "no framing");
  }

  @FuzzTest(maxDuration = "5m")
  void responseHead(byte[] input) {
    ResponseHead head;
    try {
      head = HeadParser.parseResponse(input, input.length, LIMITS);
      HeadParser.responseFraming(head, "GET");
    } catch (HttpInputException e) {
      assertTrue(e.status() == 0, "a response error has no status to send: " + e.status());
      return;
    }
    int code = head.startLine().code();
    assertTrue(code >= 100 && code <= 599, "code " + code);
    checkFields(head.headers());
  }

  @FuzzTest(maxDuration = "5m")
  void chunkSizeLine(byte[] input) {
    long size;
    try {
      size = ChunkLine.parseSize(input, input.length, LIMITS.maxBodySize());
    } catch (HttpInputException e) {
      assertTrue(e.status() == 400 || e.status() == 413, "status " + e.status());
      return;
    }
    assertTrue(size >= 0 && size <= LIMITS.maxBodySize(), "size " + size);
  }

  @FuzzTest(maxDuration = "5m")
  void trailerSection(byte[] input) {
    HttpHeaders trailers;
    try {
      trailers = Trailers.parse(input, input.length, LIMITS);
    } catch (HttpInputException e) {
      assertTrue(e.status() == 400 || e.status() == 431, "status " + e.status());
      return;
    }
    checkFields(trailers);
  }

  private static void checkFields(HttpHeaders headers) {
    for (HttpHeaders.Field f : headers) {
      assertTrue(Grammar.isToken(f.name()), "field name: " + f.name());
      for (int i = 0; i < f.value().length(); i++) {
        char c = f.value().charAt(i);
        assertTrue(c != '\r' && c != '\n' && c != 0, "CR, LF or NUL in " + f);
      }
    }
  }
}
