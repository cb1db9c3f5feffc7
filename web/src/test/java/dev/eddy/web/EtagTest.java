package dev.eddy.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The automatic ETag is Tornado's: the quoted lower-case hex SHA-1 of the body. */
class EtagTest {

  @Test
  void isTheQuotedHexSha1OfTheBody() throws Exception {
    // Tornado: '"%s"' % hashlib.sha1(b"Hello, World!").hexdigest()
    assertEquals("\"0a0a9f2a6772942557ab5355d76af442f8f65e01\"",
        RequestHandler.etag("Hello, World!".getBytes(StandardCharsets.US_ASCII)));
    Random random = new Random(7);
    for (int n : new int[] {0, 1, 63, 64, 65, 4096, 100_000}) {
      byte[] body = new byte[n];
      random.nextBytes(body);
      String expected = "\"" + HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-1").digest(body)) + "\"";
      assertEquals(expected, RequestHandler.etag(body), n + " bytes");
      assertEquals(expected, RequestHandler.etag(body), "again, with the thread's digest reused");
    }
  }
}
