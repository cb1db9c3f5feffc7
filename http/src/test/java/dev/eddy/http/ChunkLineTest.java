package dev.eddy.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The chunked body's own grammar (RFC 9112 §7.1): chunk-size lines, table-driven, and the trailer
 * section.
 */
class ChunkLineTest {

  private static final long MAX = 1000;

  /** Escapes {@code \r \n \t \xHH} as in the parser fixtures. */
  private static byte[] bytes(String s) {
    return Fixture.unescape("table", s);
  }

  /** One row: a chunk-size line (fixture escapes) and its size, or the status it is refused with. */
  record Row(String line, long size, int status) {
    @Override
    public String toString() {
      return "'" + line + "' -> " + (status == 0 ? "size " + size : "status " + status);
    }
  }

  private static Row size(String line, long size) {
    return new Row(line, size, 0);
  }

  private static Row refused(String line, int status) {
    return new Row(line, -1, status);
  }

  static List<Row> chunkSizeLines() {
    return List.of(
        size("0", 0),
        size("1", 1),
        size("a", 10),
        size("A", 10),
        size("3e8", 1000),
        size("03E8", 1000),
        size("000000000000000000000000000001", 1),
        // chunk-ext = *( BWS ";" BWS ext-name [ BWS "=" BWS ext-val ] ), ignored (RFC 9112 §7.1.1)
        size("5;name", 5),
        size("5;name=value", 5),
        size("5 ; name = value", 5),
        size("5\\t;\\tname\\t=\\tvalue", 5),
        size("5;a;b=c;d=\"quoted ; \\\\\" \\t value\"", 5),
        size("5;a=\"\"", 5),
        size("5;!#$%&'*+-.^_`|~=x", 5),
        size("5;a=\"caf\\xe9\"", 5),
        // malformed: 400
        refused("", 400),
        refused("0x1", 400),
        refused("-1", 400),
        refused("+1", 400),
        refused(" 1", 400),
        refused("1 ", 400),
        refused("1 2", 400),
        refused("1_0", 400),
        refused("g", 400),
        refused("1;", 400),
        refused("1;=v", 400),
        refused("1;a=", 400),
        refused("1;a b", 400),
        refused("1;a=\"unterminated", 400),
        refused("1;a=\"escape at end\\\\", 400),
        refused("1;a=\"ctl\\x01\"", 400),
        refused("1;a=\"nul\\x00\"", 400),
        refused("1;a=\"\\x7f\"", 400),
        refused("1;a=b c", 400),
        refused("1;a=b\"c\"", 400),
        refused("1;a=\"x\"y", 400),
        refused("1,a", 400),
        refused("1\\x00", 400),
        refused("1\\x0b", 400),
        refused("1\\r", 400),
        refused("1\\n", 400),
        refused("1\\r\\n", 400),
        refused("\\r\\n", 400),
        // beyond maxBodySize (1000 here) or a long: 413
        refused("3e9", 413),
        refused("8000000000000000", 413),
        refused("ffffffffffffffffffff", 413),
        refused("10000000000000000;a=b", 413));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("chunkSizeLines")
  void chunkSizeLine(Row row) throws HttpInputException {
    byte[] b = bytes(row.line());
    if (row.status() == 0) {
      assertEquals(row.size(), ChunkLine.parseSize(b, b.length, MAX));
      return;
    }
    HttpInputException e =
        assertThrows(HttpInputException.class, () -> ChunkLine.parseSize(b, b.length, MAX));
    assertEquals(row.status(), e.status(), e.getMessage());
  }

  @Test
  void onlyTheGivenLengthIsRead() throws HttpInputException {
    byte[] b = "5\r\nhello".getBytes(StandardCharsets.ISO_8859_1);
    assertEquals(5, ChunkLine.parseSize(b, 1, MAX));
    assertThrows(IndexOutOfBoundsException.class, () -> ChunkLine.parseSize(b, 99, MAX));
  }

  @Test
  void largestSizeIsAccepted() throws HttpInputException {
    byte[] b = "7fffffffffffffff".getBytes(StandardCharsets.ISO_8859_1);
    assertEquals(Long.MAX_VALUE, ChunkLine.parseSize(b, b.length, Long.MAX_VALUE));
  }

  // ---- trailers (RFC 9112 §7.1.2) ----

  private static HttpHeaders trailers(String block, HttpParameters p) throws HttpInputException {
    byte[] b = bytes(block);
    return Trailers.parse(b, b.length, p);
  }

  @Test
  void emptyTrailerSection() throws HttpInputException {
    assertEquals(0, trailers("\\r\\n", HttpParameters.DEFAULTS).size());
  }

  @Test
  void trailerFieldsAreParsedLikeHeaders() throws HttpInputException {
    HttpHeaders t = trailers("Server-Timing: db;dur=53\\r\\nX-Checksum:\\t abc \\t\\r\\n"
        + "x-checksum: def\\r\\n\\r\\n", HttpParameters.DEFAULTS);
    assertEquals(3, t.size());
    assertEquals("db;dur=53", t.get("server-timing"));
    assertEquals(List.of("abc", "def"), t.getAll("X-Checksum"));
  }

  static List<Row> badTrailers() {
    return List.of(
        // fields that must not be in a trailer (RFC 9110 §6.5.1)
        refused("Content-Length: 5\\r\\n\\r\\n", 400),
        refused("transfer-encoding: chunked\\r\\n\\r\\n", 400),
        refused("Host: evil\\r\\n\\r\\n", 400),
        refused("Trailer: X\\r\\n\\r\\n", 400),
        refused("Content-Encoding: gzip\\r\\n\\r\\n", 400),
        refused("Content-Type: text/html\\r\\n\\r\\n", 400),
        refused("Connection: close\\r\\n\\r\\n", 400),
        refused("Authorization: Basic x\\r\\n\\r\\n", 400),
        refused("Set-Cookie: a=b\\r\\n\\r\\n", 400),
        // the header-field rules
        refused("X-A: a\\r\\n b\\r\\n\\r\\n", 400),
        refused(" X-A: a\\r\\n\\r\\n", 400),
        refused("X-A : a\\r\\n\\r\\n", 400),
        refused("X-A: a\\x00\\r\\n\\r\\n", 400),
        refused("X-A: a\\rb\\r\\n\\r\\n", 400),
        refused("X-A: a\\n\\r\\n", 400),
        refused("X-A: a\\r\\n", 400),
        refused("X-A\\r\\n\\r\\n", 400),
        refused("\\r\\nX-A: a\\r\\n\\r\\n", 400),
        refused("\\n", 400),
        refused("", 400),
        // over maxHeaderCount (2 here)
        refused("A: 1\\r\\nB: 2\\r\\nC: 3\\r\\n\\r\\n", 431));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badTrailers")
  void badTrailer(Row row) {
    HttpParameters p = HttpParameters.DEFAULTS.withMaxHeaderCount(2);
    HttpInputException e =
        assertThrows(HttpInputException.class, () -> trailers(row.line(), p));
    assertEquals(row.status(), e.status(), e.getMessage());
  }

  @Test
  void trailerSectionOverMaxHeaderBytesIs431() {
    HttpParameters p = HttpParameters.DEFAULTS.withMaxStartLineBytes(8).withMaxHeaderBytes(16);
    HttpInputException e = assertThrows(HttpInputException.class,
        () -> trailers("X-Long: 0123456789\\r\\n\\r\\n", p));
    assertEquals(431, e.status());
    assertTrue(e.getMessage().contains("trailer"), e.getMessage());
  }
}
