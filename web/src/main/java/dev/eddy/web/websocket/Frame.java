package dev.eddy.web.websocket;

/**
 * One received frame, unmasked. {@code payload} is null when a data frame's {@code length} was
 * over the reader's budget: then {@code length} bytes (masking key and payload) are still
 * unread, and the caller skips them.
 */
record Frame(boolean fin, boolean rsv1, int opcode, byte[] payload, long length) {

  static final int CONTINUATION = 0x0;
  static final int TEXT = 0x1;
  static final int BINARY = 0x2;
  static final int CLOSE = 0x8;
  static final int PING = 0x9;
  static final int PONG = 0xA;

  boolean control() {
    return (opcode & 0x8) != 0;
  }

  static boolean knownOpcode(int opcode) {
    return opcode <= BINARY || (opcode >= CLOSE && opcode <= PONG);
  }
}
