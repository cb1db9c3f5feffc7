package dev.eddy.web.websocket;

import java.io.ByteArrayOutputStream;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The compressor and decompressor of one connection's permessage-deflate: raw deflate with a
 * sync flush per message, the {@code 00 00 ff ff} tail stripped on output and appended on input,
 * and context reset after each message where the parameters say so. Holds native memory until
 * {@link #end}. Loop thread.
 */
final class PerMessageDeflate {

  private static final byte[] TAIL = {0, 0, (byte) 0xFF, (byte) 0xFF};

  private final Deflater deflater;
  private final Inflater inflater = new Inflater(true);
  private final boolean compressOutput;
  private final boolean resetOutput;
  private final boolean resetInput;

  PerMessageDeflate(boolean server, DeflateParams params, int level) {
    Integer outBits = server ? params.serverMaxWindowBits() : params.clientMaxWindowBits();
    compressOutput = outBits == null || outBits == 15;
    resetOutput = server ? params.serverNoContextTakeover() : params.clientNoContextTakeover();
    resetInput = server ? params.clientNoContextTakeover() : params.serverNoContextTakeover();
    deflater = compressOutput ? new Deflater(level, true) : null;
  }

  /** False when the peer limited our window below 15 bits: messages go out uncompressed. */
  boolean compressesOutput() {
    return compressOutput;
  }

  /** One message's compressed payload (to send with RSV1 set). */
  byte[] compress(byte[] data) {
    deflater.setInput(data);
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, data.length / 2));
    byte[] buf = new byte[Math.min(64 * 1024, Math.max(256, data.length + 64))];
    int n;
    do {
      n = deflater.deflate(buf, 0, buf.length, Deflater.SYNC_FLUSH);
      out.write(buf, 0, n);
    } while (n == buf.length);
    byte[] all = out.toByteArray();
    if (resetOutput) {
      deflater.reset();
    }
    int len = all.length;
    if (len >= 4 && all[len - 4] == 0 && all[len - 3] == 0 && all[len - 2] == (byte) 0xFF
        && all[len - 1] == (byte) 0xFF) {
      len -= 4;
    }
    if (len == 0) {
      return new byte[] {0}; // RFC 7692 §7.2.3.6: an empty stored block (nothing was pending)
    }
    byte[] result = new byte[len];
    System.arraycopy(all, 0, result, 0, len);
    return result;
  }

  /**
   * One message's inflated payload, inflated in chunks and stopped as soon as it exceeds {@code
   * max} (1009); corrupt data is a 1007.
   */
  byte[] decompress(byte[] data, long max) throws ProtocolException {
    if (data.length == 0) {
      return data;
    }
    byte[] input = new byte[data.length + 4];
    System.arraycopy(data, 0, input, 0, data.length);
    System.arraycopy(TAIL, 0, input, data.length, 4);
    inflater.setInput(input);
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, data.length * 2));
    byte[] buf = new byte[16 * 1024];
    try {
      while (true) {
        int n = inflater.inflate(buf);
        if (n > 0) {
          if (out.size() + (long) n > max) {
            throw new ProtocolException(CloseCodes.MESSAGE_TOO_BIG, "message too big");
          }
          out.write(buf, 0, n);
        } else {
          break; // needs input (all consumed), finished, or needs a dictionary
        }
      }
    } catch (DataFormatException e) {
      throw new ProtocolException(CloseCodes.INVALID_PAYLOAD, "bad deflate data");
    }
    if (resetInput || inflater.finished()) {
      inflater.reset();
    }
    return out.toByteArray();
  }

  /** Frees the native memory. */
  void end() {
    if (deflater != null) {
      deflater.end();
    }
    inflater.end();
  }
}
