package dev.eddy.web.websocket;

import dev.eddy.stream.BaseIOStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Reads frames from a stream, one at a time, checking what a frame alone can violate (1002):
 * reserved bits without an extension that defines them, unknown opcodes, masking against the
 * role (a server receives only masked frames, a client only unmasked ones), control frames that
 * are fragmented or longer than 125 bytes, 64-bit lengths with the top bit set. Loop thread.
 */
final class FrameReader {

  private static final int SKIP_CHUNK = 64 * 1024;

  private final BaseIOStream stream;
  private final boolean expectMasked;
  private final boolean rsv1Allowed;

  FrameReader(BaseIOStream stream, boolean expectMasked, boolean rsv1Allowed) {
    this.stream = stream;
    this.expectMasked = expectMasked;
    this.rsv1Allowed = rsv1Allowed;
  }

  /**
   * The next frame. A data frame longer than {@code budget} comes back without its payload
   * (unread: {@link #skip} it or close). Fails with a {@link ProtocolException} (wrapped in a
   * CompletionException) for a violation, or with the stream's error.
   */
  CompletableFuture<Frame> read(long budget) {
    return stream.readBytes(2).thenCompose(h -> {
      int b0 = h[0] & 0xFF;
      int b1 = h[1] & 0xFF;
      boolean fin = (b0 & 0x80) != 0;
      boolean rsv1 = (b0 & 0x40) != 0;
      int opcode = b0 & 0x0F;
      boolean masked = (b1 & 0x80) != 0;
      int len7 = b1 & 0x7F;
      if ((b0 & 0x30) != 0 || (rsv1 && !rsv1Allowed)) {
        throw violation("reserved bits set without a negotiated extension");
      }
      if (!Frame.knownOpcode(opcode)) {
        throw violation("unknown opcode " + opcode);
      }
      if ((opcode & 0x8) != 0 && (!fin || rsv1 || len7 > 125)) {
        throw violation("control frame fragmented, compressed or longer than 125 bytes");
      }
      if (masked != expectMasked) {
        throw violation(expectMasked ? "unmasked client frame" : "masked server frame");
      }
      CompletableFuture<Long> length = len7 < 126
          ? CompletableFuture.completedFuture((long) len7)
          : stream.readBytes(len7 == 126 ? 2 : 8).thenApply(FrameReader::extendedLength);
      return length.thenCompose(n -> {
        if (opcode < Frame.CLOSE && n > budget) {
          long unread = n + (masked ? 4 : 0);
          return CompletableFuture.completedFuture(new Frame(fin, rsv1, opcode, null, unread));
        }
        if (!masked) {
          return payload(fin, rsv1, opcode, n, null);
        }
        return stream.readBytes(4).thenCompose(key -> payload(fin, rsv1, opcode, n, key));
      });
    });
  }

  private CompletableFuture<Frame> payload(boolean fin, boolean rsv1, int opcode, long n,
      byte[] key) {
    if (n == 0) {
      return CompletableFuture.completedFuture(new Frame(fin, rsv1, opcode, new byte[0], 0));
    }
    if (n > Integer.MAX_VALUE - 16) {
      throw new CompletionException(
          new ProtocolException(CloseCodes.MESSAGE_TOO_BIG, "frame too long"));
    }
    return stream.readBytes((int) n).thenApply(p -> {
      if (key != null) {
        FrameCodec.unmask(p, key);
      }
      return new Frame(fin, rsv1, opcode, p, n);
    });
  }

  /** Reads and drops {@code n} bytes (the payload of a frame over budget). */
  CompletableFuture<Void> skip(long n) {
    if (n <= 0) {
      return CompletableFuture.completedFuture(null);
    }
    int chunk = (int) Math.min(n, SKIP_CHUNK);
    return stream.readBytes(chunk).thenCompose(b -> skip(n - chunk));
  }

  private static long extendedLength(byte[] b) {
    long n = 0;
    for (byte x : b) {
      n = (n << 8) | (x & 0xFF);
    }
    if (b.length == 8 && n < 0) {
      throw violation("64-bit length with the most significant bit set");
    }
    return n;
  }

  private static CompletionException violation(String message) {
    return new CompletionException(new ProtocolException(CloseCodes.PROTOCOL_ERROR, message));
  }
}
