package dev.eddy.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HeadBytesTest {

  private static String text(HeadBytes b) {
    return new String(b.toArray(), StandardCharsets.ISO_8859_1);
  }

  @Test
  void numbersAreWrittenInDecimal() {
    for (int n : new int[] {0, 7, 10, 99, 200, 404, 1234567, Integer.MAX_VALUE, -5}) {
      assertEquals(Integer.toString(n), text(HeadBytes.start().append(n)));
    }
  }

  @Test
  void charactersAreLatin1AndTheBuilderGrowsAndStartsEmpty() {
    String long1 = "x".repeat(5000);
    assertEquals("HTTP/1.1 200 OK\r\n" + long1 + "\u00e9?\r\n", text(HeadBytes.start()
        .append("HTTP/1.1").append(' ').append(200).append(' ').append("OK").crlf()
        .append(long1).append("\u00e9\u20ac").crlf()));
    assertEquals("a", text(HeadBytes.start().append('a')));
  }
}
