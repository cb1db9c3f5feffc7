package dev.eddy.http;

import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Decompresses a gzip body (RFC 1952) as it arrives, bounded on the decompressed size: the
 * client's half of Tornado's {@code GzipDecompressor} with the {@code max_body_size} check of
 * Tornado 6.5.6 (CVE-2026-49855, a small body that inflates to gigabytes).
 *
 * <p>{@link #feed} takes compressed bytes; {@link #next()} then gives decompressed pieces of at
 * most {@code pieceSize} bytes, one at a time, until it needs more input (null). Nothing is
 * inflated before it is asked for, so a consumer that waits between pieces (back-pressure) never
 * has more than one piece of output in memory. The header (with its optional fields), the CRC-32
 * and the length in the trailer are checked. One member is decoded; bytes after it are ignored,
 * as by Python's {@code zlib} that Tornado uses.
 *
 * <p>Errors are {@link HttpInputException}s with status 0 (the response was bad): not gzip, a
 * corrupt stream, a bad trailer, a body that ends early ({@link #finish()}), or more than {@code
 * maxSize} decompressed bytes ("Decompressed body larger than N bytes").
 *
 * <p>Not thread-safe (the connection's loop thread). {@link #close()} frees the native inflater;
 * call it in every case.
 */
final class IncrementalGunzip implements AutoCloseable {

  private static final int FHCRC = 2;
  private static final int FEXTRA = 4;
  private static final int FNAME = 8;
  private static final int FCOMMENT = 16;
  private static final int RESERVED = 0xe0;
  /** The most a header (file name and comment included) may take before it is refused. */
  private static final int MAX_HEADER = 64 * 1024;
  private static final byte[] EMPTY = new byte[0];

  private enum State { HEADER, BODY, TRAILER, DONE }

  private final long maxSize;
  private final byte[] piece;
  /** The status of a bad body (0 on a client; 400 on a server) and of one too large (0; 413). */
  private final int badStatus;
  private final int tooLargeStatus;
  private final Inflater inflater = new Inflater(true);
  private final CRC32 crc = new CRC32();
  private State state = State.HEADER;
  /** Input not yet consumed: {@code input[pos, input.length)}. */
  private byte[] input = EMPTY;
  private int pos;
  private long total;
  private boolean started;

  /**
   * @param maxSize the most decompressed bytes allowed
   * @param pieceSize the most bytes {@link #next()} gives at once
   */
  IncrementalGunzip(long maxSize, int pieceSize) {
    this(maxSize, pieceSize, false);
  }

  /**
   * @param server true when decoding a request body: errors then carry the statuses a server
   *     answers with (400 for a bad body, 413 for one too large) instead of 0
   */
  IncrementalGunzip(long maxSize, int pieceSize, boolean server) {
    this.maxSize = maxSize;
    this.piece = new byte[pieceSize];
    this.badStatus = server ? 400 : 0;
    this.tooLargeStatus = server ? 413 : 0;
  }

  /** Adds compressed bytes; call when {@link #next()} returned null. */
  void feed(byte[] data) {
    if (data.length == 0) {
      return;
    }
    started = true;
    if (pos < input.length) {
      byte[] joined = Arrays.copyOf(Arrays.copyOfRange(input, pos, input.length),
          input.length - pos + data.length);
      System.arraycopy(data, 0, joined, input.length - pos, data.length);
      input = joined;
    } else {
      input = data;
    }
    pos = 0;
  }

  /**
   * The next piece of decompressed data, or null when more input is needed (or the member
   * ended).
   *
   * @throws HttpInputException if the data is not valid gzip or decompresses to too much
   */
  byte[] next() throws HttpInputException {
    while (true) {
      switch (state) {
        case HEADER: {
          int length = headerLength();
          if (length < 0) {
            return null;
          }
          pos += length;
          state = State.BODY;
          break;
        }
        case BODY: {
          if (inflater.needsInput()) {
            if (pos >= input.length) {
              return null;
            }
            inflater.setInput(input, pos, input.length - pos);
            pos = input.length;
          }
          int n;
          try {
            n = inflater.inflate(piece);
          } catch (DataFormatException e) {
            throw new HttpInputException(badStatus, "invalid gzip body: " + e.getMessage());
          }
          if (n > 0) {
            total += n;
            if (total > maxSize) {
              throw new HttpInputException(tooLargeStatus, "Decompressed body larger than " + maxSize
                  + " bytes");
            }
            crc.update(piece, 0, n);
            return Arrays.copyOf(piece, n);
          }
          if (inflater.finished()) {
            pos = input.length - inflater.getRemaining();
            state = State.TRAILER;
          } else if (inflater.needsDictionary()) {
            throw new HttpInputException(badStatus, "invalid gzip body: a preset dictionary");
          } else if (!inflater.needsInput()) {
            throw new HttpInputException(badStatus, "invalid gzip body: the inflater made no progress");
          }
          break;
        }
        case TRAILER: {
          if (input.length - pos < 8) {
            return null;
          }
          long crc32 = le32(pos);
          long size = le32(pos + 4);
          pos += 8;
          if (crc32 != crc.getValue()) {
            throw new HttpInputException(badStatus, "gzip body fails its CRC-32 check");
          }
          if (size != (total & 0xffffffffL)) {
            throw new HttpInputException(badStatus, "gzip body has the wrong length in its trailer");
          }
          state = State.DONE;
          break;
        }
        default: // DONE: what follows the member is ignored
          pos = input.length;
          return null;
      }
    }
  }

  /**
   * Checks that the body was whole: nothing at all (a response without a body), or one complete
   * member.
   *
   * @throws HttpInputException if it ended early
   */
  void finish() throws HttpInputException {
    if (started && state != State.DONE) {
      throw new HttpInputException(badStatus, "gzip body ends early");
    }
  }

  /** Decompressed bytes so far. */
  long total() {
    return total;
  }

  /** Frees the inflater. Idempotent. */
  @Override
  public void close() {
    inflater.end();
  }

  /**
   * The length of the header at {@code pos} (RFC 1952 §2.3), or -1 if it has not all arrived.
   */
  private int headerLength() throws HttpInputException {
    int available = input.length - pos;
    if (available >= 1 && (input[pos] & 0xff) != 0x1f
        || available >= 2 && (input[pos + 1] & 0xff) != 0x8b) {
      throw new HttpInputException(badStatus, "Content-Encoding is gzip but the body is not");
    }
    if (available < 10) {
      return -1;
    }
    if (input[pos + 2] != 8) {
      throw new HttpInputException(badStatus, "gzip body with an unknown compression method "
          + input[pos + 2]);
    }
    int flags = input[pos + 3] & 0xff;
    if ((flags & RESERVED) != 0) {
      throw new HttpInputException(badStatus, "gzip header with reserved flags set");
    }
    int p = pos + 10;
    if ((flags & FEXTRA) != 0) {
      if (input.length - p < 2) {
        return incomplete(available);
      }
      p += 2 + ((input[p] & 0xff) | (input[p + 1] & 0xff) << 8);
    }
    if ((flags & FNAME) != 0) {
      p = afterZero(p);
      if (p < 0) {
        return incomplete(available);
      }
    }
    if ((flags & FCOMMENT) != 0) {
      p = afterZero(p);
      if (p < 0) {
        return incomplete(available);
      }
    }
    if ((flags & FHCRC) != 0) {
      p += 2;
    }
    if (p > input.length) {
      return incomplete(available);
    }
    return p - pos;
  }

  private int incomplete(int available) throws HttpInputException {
    if (available > MAX_HEADER) {
      throw new HttpInputException(badStatus, "gzip header longer than " + MAX_HEADER + " bytes");
    }
    return -1;
  }

  /** The index after the next zero byte from {@code p}, or -1 if there is none yet. */
  private int afterZero(int p) {
    for (int i = p; i < input.length; i++) {
      if (input[i] == 0) {
        return i + 1;
      }
    }
    return -1;
  }

  private long le32(int at) {
    return (input[at] & 0xffL) | (input[at + 1] & 0xffL) << 8 | (input[at + 2] & 0xffL) << 16
        | (input[at + 3] & 0xffL) << 24;
  }
}
