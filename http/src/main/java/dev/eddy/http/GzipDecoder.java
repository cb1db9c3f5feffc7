package dev.eddy.http;

import java.io.ByteArrayOutputStream;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Incremental gzip decoding (RFC 1952) of a body that arrives in pieces, bounded on the
 * decompressed size: a small compressed body that inflates past the limit is refused as it grows,
 * never buffered whole (the "zip bomb", and Tornado's CVE-2026-49855: {@code max_body_size} on the
 * decompressed size). One member; the header (with its optional fields) may straddle pieces; the
 * trailer's CRC-32 and size are checked at the end.
 *
 * <p>Not thread-safe: one body on one loop thread. {@link #close()} frees the inflater.
 */
final class GzipDecoder implements AutoCloseable {

  private static final int FHCRC = 2;
  private static final int FEXTRA = 4;
  private static final int FNAME = 8;
  private static final int FCOMMENT = 16;
  /** The largest header accepted (file name and comment included). */
  private static final int MAX_HEADER = 64 * 1024;

  private final long maxSize;
  private final Inflater inflater = new Inflater(true);
  private final CRC32 crc = new CRC32();
  private final byte[] out = new byte[16 * 1024];
  private ByteArrayOutputStream header = new ByteArrayOutputStream();
  private final ByteArrayOutputStream trailer = new ByteArrayOutputStream();
  private long total;
  private boolean ended;

  /** @param maxSize the most decompressed bytes allowed */
  GzipDecoder(long maxSize) {
    this.maxSize = maxSize;
  }

  /**
   * Decodes the next piece of the compressed body.
   *
   * @return the decompressed bytes it yields (maybe none)
   * @throws HttpInputException with 400 for bad gzip data, 413 past {@code maxSize}
   */
  byte[] decode(byte[] piece) throws HttpInputException {
    int from = 0;
    if (header != null) {
      header.write(piece, 0, piece.length);
      byte[] h = header.toByteArray();
      int end = headerEnd(h);
      if (end < 0) {
        if (h.length > MAX_HEADER) {
          throw new HttpInputException(400, "gzip header too long");
        }
        return new byte[0];
      }
      header = null;
      piece = h;
      from = end;
    }
    if (ended) {
      trailer.write(piece, from, piece.length - from);
      checkTrailerLength();
      return new byte[0];
    }
    inflater.setInput(piece, from, piece.length - from);
    ByteArrayOutputStream result = new ByteArrayOutputStream();
    try {
      while (!inflater.finished()) {
        int n = inflater.inflate(out);
        if (n == 0) {
          if (inflater.needsInput() || inflater.needsDictionary()) {
            break;
          }
          continue;
        }
        total += n;
        if (total > maxSize) {
          throw new HttpInputException(413, "body larger than " + maxSize
              + " bytes once decompressed");
        }
        crc.update(out, 0, n);
        result.write(out, 0, n);
      }
    } catch (DataFormatException e) {
      throw new HttpInputException(400, "bad gzip data: " + e.getMessage());
    }
    if (inflater.finished()) {
      ended = true;
      int left = inflater.getRemaining();
      trailer.write(piece, piece.length - left, left);
      checkTrailerLength();
    }
    return result.toByteArray();
  }

  /**
   * The body has ended: checks that the stream was complete.
   *
   * @throws HttpInputException with 400 if it was truncated or its trailer does not match
   */
  void finish() throws HttpInputException {
    if (header != null || !ended || trailer.size() != 8) {
      throw new HttpInputException(400, "truncated gzip body");
    }
    byte[] t = trailer.toByteArray();
    long crcValue = le32(t, 0);
    long size = le32(t, 4);
    if (crcValue != crc.getValue() || size != (total & 0xffffffffL)) {
      throw new HttpInputException(400, "gzip trailer does not match the data");
    }
  }

  private void checkTrailerLength() throws HttpInputException {
    if (trailer.size() > 8) {
      throw new HttpInputException(400, "data after the gzip stream");
    }
  }

  /** The length of a complete gzip header at the start of {@code h}, or -1 if incomplete. */
  private static int headerEnd(byte[] h) throws HttpInputException {
    if (h.length < 10) {
      return -1;
    }
    if ((h[0] & 0xff) != 0x1f || (h[1] & 0xff) != 0x8b || h[2] != 8) {
      throw new HttpInputException(400, "not a gzip body");
    }
    int flags = h[3] & 0xff;
    int at = 10;
    if ((flags & FEXTRA) != 0) {
      if (h.length < at + 2) {
        return -1;
      }
      at += 2 + ((h[at] & 0xff) | (h[at + 1] & 0xff) << 8);
    }
    if ((flags & FNAME) != 0) {
      at = zeroTerminated(h, at);
      if (at < 0) {
        return -1;
      }
    }
    if ((flags & FCOMMENT) != 0) {
      at = zeroTerminated(h, at);
      if (at < 0) {
        return -1;
      }
    }
    if ((flags & FHCRC) != 0) {
      at += 2;
    }
    return at <= h.length ? at : -1;
  }

  private static int zeroTerminated(byte[] h, int from) {
    for (int i = from; i < h.length; i++) {
      if (h[i] == 0) {
        return i + 1;
      }
    }
    return -1;
  }

  private static long le32(byte[] b, int at) {
    return (b[at] & 0xffL) | (b[at + 1] & 0xffL) << 8 | (b[at + 2] & 0xffL) << 16
        | (b[at + 3] & 0xffL) << 24;
  }

  @Override
  public void close() {
    inflater.end();
  }
}
