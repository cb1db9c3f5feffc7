package dev.eddy.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ReadBufferTest {

  private static final Pattern END_OF_HEAD = Pattern.compile("\r?\n\r?\n");

  private static void append(ReadBuffer b, String s) {
    b.append(ByteBuffer.wrap(s.getBytes(StandardCharsets.ISO_8859_1)));
  }

  @Test
  void aMatchSplitAcrossAppendsIsFoundWithABoundedReach() {
    for (String[] pieces : new String[][] {
        {"GET / HTTP/1.1\r", "\n", "\r", "\n"},
        {"GET / HTTP/1.1\r\n\r", "\nrest"},
        {"a\n", "\r", "\n"},
        {"a\n", "\n"},
        {"a\r\r\n", "x\n\n"}}) {
      ReadBuffer b = new ReadBuffer();
      String all = String.join("", pieces);
      int expected = -1;
      java.util.regex.Matcher m = END_OF_HEAD.matcher(all);
      if (m.find()) {
        expected = m.end();
      }
      int found = -1;
      for (String p : pieces) {
        append(b, p);
        found = b.indexAfter(END_OF_HEAD, 4);
        if (found >= 0) {
          break;
        }
      }
      assertEquals(expected, found, String.join("|", pieces));
    }
  }

  /**
   * A head that arrives a byte at a time: with the reach known each search looks at a few bytes,
   * so 200,000 searches are quick; starting each one again at the beginning would take minutes.
   */
  @Test
  @Timeout(value = 20, unit = TimeUnit.SECONDS)
  void aTricklingHeadIsSearchedOnce() {
    ReadBuffer b = new ReadBuffer();
    ByteBuffer one = ByteBuffer.allocate(1);
    for (int i = 0; i < 200_000; i++) {
      one.clear();
      one.put((byte) (i % 80 == 40 ? '\n' : 'x')).flip();
      b.append(one);
      assertEquals(-1, b.indexAfter(END_OF_HEAD, 4));
    }
    append(b, "\r\n\r\n");
    assertEquals(200_004, b.indexAfter(END_OF_HEAD, 4));
  }
}
