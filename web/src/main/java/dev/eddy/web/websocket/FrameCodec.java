package dev.eddy.web.websocket;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Stateless frame encoding, masking, UTF-8 checking and close payloads. Package-private. */
final class FrameCodec {

  private FrameCodec() {}

  /**
   * One final frame: header, masking key if {@code mask} is not null, payload (masked with it).
   * The payload is copied.
   */
  static byte[] encode(int opcode, boolean rsv1, byte[] payload, byte[] mask) {
    int n = payload.length;
    int lengthBytes = n < 126 ? 0 : n <= 0xFFFF ? 2 : 8;
    int header = 2 + lengthBytes + (mask == null ? 0 : 4);
    byte[] out = new byte[header + n];
    out[0] = (byte) (0x80 | (rsv1 ? 0x40 : 0) | opcode);
    int maskBit = mask == null ? 0 : 0x80;
    int at = 2;
    if (lengthBytes == 0) {
      out[1] = (byte) (maskBit | n);
    } else if (lengthBytes == 2) {
      out[1] = (byte) (maskBit | 126);
      out[2] = (byte) (n >>> 8);
      out[3] = (byte) n;
      at = 4;
    } else {
      out[1] = (byte) (maskBit | 127);
      long len = n;
      for (int i = 0; i < 8; i++) {
        out[2 + i] = (byte) (len >>> (56 - 8 * i));
      }
      at = 10;
    }
    if (mask != null) {
      System.arraycopy(mask, 0, out, at, 4);
      at += 4;
      for (int i = 0; i < n; i++) {
        out[at + i] = (byte) (payload[i] ^ mask[i & 3]);
      }
    } else {
      System.arraycopy(payload, 0, out, at, n);
    }
    return out;
  }

  /** XORs {@code data} with the masking key, in place. */
  static void unmask(byte[] data, byte[] mask) {
    for (int i = 0; i < data.length; i++) {
      data[i] ^= mask[i & 3];
    }
  }

  /** Strict UTF-8 decoding; invalid input is a 1007. */
  static String utf8(byte[] data) throws ProtocolException {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(data)).toString();
    } catch (CharacterCodingException e) {
      throw new ProtocolException(CloseCodes.INVALID_PAYLOAD, "invalid UTF-8");
    }
  }

  /** Strict UTF-8 encoding (an unpaired surrogate is an IllegalArgumentException). */
  static byte[] utf8(String s) {
    try {
      ByteBuffer b = StandardCharsets.UTF_8.newEncoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .encode(CharBuffer.wrap(s));
      byte[] out = new byte[b.remaining()];
      b.get(out);
      return out;
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("not encodable as UTF-8 (unpaired surrogate?)", e);
    }
  }

  /** A close frame's payload: none without a code, else the code and the UTF-8 reason. */
  static byte[] closePayload(Integer code, String reason) {
    if (code == null) {
      if (reason != null && !reason.isEmpty()) {
        throw new IllegalArgumentException("a close reason needs a code");
      }
      return new byte[0];
    }
    if (!CloseCodes.isValidOnWire(code)) {
      throw new IllegalArgumentException("close code " + code + " may not be sent");
    }
    byte[] r = reason == null ? new byte[0] : utf8(reason);
    if (r.length > 123) {
      throw new IllegalArgumentException("close reason longer than 123 bytes");
    }
    byte[] out = new byte[2 + r.length];
    out[0] = (byte) (code >>> 8);
    out[1] = (byte) (int) code;
    System.arraycopy(r, 0, out, 2, r.length);
    return out;
  }

  /** The code of a received close payload, or null if it has none; checks it (1002). */
  static Integer closeCode(byte[] payload) throws ProtocolException {
    if (payload.length == 0) {
      return null;
    }
    if (payload.length == 1) {
      throw new ProtocolException(CloseCodes.PROTOCOL_ERROR, "close payload of one byte");
    }
    int code = ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
    if (!CloseCodes.isValidOnWire(code)) {
      throw new ProtocolException(CloseCodes.PROTOCOL_ERROR, "invalid close code " + code);
    }
    return code;
  }

  /** The reason of a received close payload (null without a code); bad UTF-8 is a 1007. */
  static String closeReason(byte[] payload) throws ProtocolException {
    if (payload.length <= 2) {
      return payload.length == 0 ? null : "";
    }
    byte[] r = new byte[payload.length - 2];
    System.arraycopy(payload, 2, r, 0, r.length);
    return utf8(r);
  }
}
