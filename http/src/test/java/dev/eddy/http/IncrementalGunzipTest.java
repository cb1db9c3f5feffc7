package dev.eddy.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** The client's incremental, bounded gzip decoder, fed in every way a body can be cut. */
class IncrementalGunzipTest {

  static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    }
    return out.toByteArray();
  }

  /** A gzip member with every optional header field (RFC 1952 §2.3.1). */
  static byte[] gzipWithAllFields(byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {0x1f, (byte) 0x8b, 8, 2 | 4 | 8 | 16, 0, 0, 0, 0, 0, 3});
    out.writeBytes(new byte[] {3, 0, 'a', 'b', 'c'}); // FEXTRA
    out.writeBytes("name.txt\0".getBytes(StandardCharsets.ISO_8859_1)); // FNAME
    out.writeBytes("a comment\0".getBytes(StandardCharsets.ISO_8859_1)); // FCOMMENT
    out.writeBytes(new byte[] {0x12, 0x34}); // FHCRC (not checked)
    Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    d.setInput(data);
    d.finish();
    byte[] buf = new byte[data.length + 1024];
    int n = d.deflate(buf);
    d.end();
    out.write(buf, 0, n);
    CRC32 crc = new CRC32();
    crc.update(data);
    writeLe32(out, crc.getValue());
    writeLe32(out, data.length);
    return out.toByteArray();
  }

  static void writeLe32(ByteArrayOutputStream out, long v) {
    for (int i = 0; i < 4; i++) {
      out.write((int) (v >>> (8 * i)) & 0xff);
    }
  }

  /** Feeds {@code gz} in pieces of {@code step} bytes; returns everything decoded. */
  static byte[] decode(byte[] gz, int step, long max, int pieceSize) throws HttpInputException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (IncrementalGunzip g = new IncrementalGunzip(max, pieceSize)) {
      for (int i = 0; i < gz.length; i += step) {
        g.feed(Arrays.copyOfRange(gz, i, Math.min(gz.length, i + step)));
        byte[] piece;
        while ((piece = g.next()) != null) {
          assertTrue(piece.length <= pieceSize, "a piece of " + piece.length);
          out.writeBytes(piece);
        }
      }
      g.finish();
    }
    return out.toByteArray();
  }

  @Test
  void decodesWhateverTheCuts() throws Exception {
    byte[] data = new byte[200_000];
    new Random(3).nextBytes(data);
    Arrays.fill(data, 50_000, 150_000, (byte) 'x');
    byte[] gz = gzip(data);
    for (int step : new int[] {1, 7, 10, 11, 4096, gz.length}) {
      assertArrayEquals(data, decode(gz, step, Long.MAX_VALUE, 1000), "step " + step);
    }
  }

  @Test
  void optionalHeaderFieldsAreSkipped() throws Exception {
    byte[] data = "with every optional field".getBytes(StandardCharsets.US_ASCII);
    byte[] gz = gzipWithAllFields(data);
    assertArrayEquals(data, decode(gz, 1, 1000, 64));
    assertArrayEquals(data, decode(gz, gz.length, 1000, 64));
  }

  @Test
  void theDecompressedSizeIsBounded() throws Exception {
    byte[] gz = gzip(new byte[1_000_000]);
    HttpInputException e = assertThrows(HttpInputException.class,
        () -> decode(gz, gz.length, 100_000, 64 * 1024));
    assertEquals("Decompressed body larger than 100000 bytes", e.getMessage());
    assertArrayEquals(new byte[100_000], decode(gzip(new byte[100_000]), 512, 100_000, 4096));
  }

  @Test
  void outputComesOnePieceAtATime() throws Exception {
    byte[] gz = gzip(new byte[1_000_000]);
    try (IncrementalGunzip g = new IncrementalGunzip(Long.MAX_VALUE, 1000)) {
      g.feed(gz);
      assertEquals(1000, g.next().length);
      assertEquals(1000, g.total(), "nothing inflated before it is asked for");
    }
  }

  @Test
  void badDataIsRefused() throws Exception {
    byte[] good = gzip("some text, some text, some text".getBytes(StandardCharsets.US_ASCII));
    assertThrows(HttpInputException.class,
        () -> decode("plain text".getBytes(StandardCharsets.US_ASCII), 100, 1000, 64));
    byte[] badCrc = good.clone();
    badCrc[badCrc.length - 6] ^= 1;
    assertEquals("gzip body fails its CRC-32 check",
        assertThrows(HttpInputException.class, () -> decode(badCrc, 3, 1000, 64)).getMessage());
    byte[] badSize = good.clone();
    badSize[badSize.length - 1] ^= 1;
    assertThrows(HttpInputException.class, () -> decode(badSize, 3, 1000, 64));
    byte[] truncated = Arrays.copyOf(good, good.length - 3);
    assertEquals("gzip body ends early",
        assertThrows(HttpInputException.class, () -> decode(truncated, 5, 1000, 64))
            .getMessage());
    byte[] corrupt = good.clone();
    corrupt[12] = (byte) 0xff;
    corrupt[13] = (byte) 0xff;
    assertThrows(HttpInputException.class, () -> decode(corrupt, 100, 1000, 64));
  }

  @Test
  void nothingAtAllIsAnEmptyBody() throws Exception {
    try (IncrementalGunzip g = new IncrementalGunzip(10, 10)) {
      assertNull(g.next());
      g.finish(); // a HEAD or 304 answer: no body to check
    }
  }

  @Test
  void bytesAfterTheMemberAreIgnored() throws Exception {
    byte[] data = "member".getBytes(StandardCharsets.US_ASCII);
    byte[] gz = gzip(data);
    byte[] padded = Arrays.copyOf(gz, gz.length + 5);
    assertArrayEquals(data, decode(padded, 4, 100, 64));
  }
}
