package dev.eddy.http;

import java.util.Arrays;

/**
 * Builds a message head as bytes in a per-thread array that is reused, so that a head costs one
 * array of its exact size (handed to the stream) instead of a builder, a string and its bytes.
 * Characters are written as ISO-8859-1, as {@code String.getBytes(ISO_8859_1)} would: one above
 * U+00FF becomes {@code '?'} (the head's fields were validated before, so none reach here).
 *
 * <p>Threading: {@link #start()} gives the calling thread's builder, emptied; use it and call
 * {@link #toArray()} before the thread starts another head.
 */
final class HeadBytes {

  private static final ThreadLocal<HeadBytes> LOCAL = ThreadLocal.withInitial(HeadBytes::new);

  private byte[] buf = new byte[1024];
  private int size;

  private HeadBytes() {}

  /** The calling thread's builder, empty. */
  static HeadBytes start() {
    HeadBytes b = LOCAL.get();
    b.size = 0;
    return b;
  }

  HeadBytes append(String s) {
    int n = s.length();
    room(n);
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      buf[size++] = c <= 0xFF ? (byte) c : (byte) '?';
    }
    return this;
  }

  HeadBytes append(char c) {
    room(1);
    buf[size++] = (byte) c;
    return this;
  }

  /** A non-negative decimal number. */
  HeadBytes append(int n) {
    if (n < 0) {
      return append(Integer.toString(n));
    }
    int digits = 1;
    for (int rest = n / 10; rest > 0; rest /= 10) {
      digits++;
    }
    room(digits);
    for (int i = size + digits - 1, rest = n; i >= size; i--, rest /= 10) {
      buf[i] = (byte) ('0' + rest % 10);
    }
    size += digits;
    return this;
  }

  HeadBytes crlf() {
    room(2);
    buf[size++] = '\r';
    buf[size++] = '\n';
    return this;
  }

  /** The head so far, in a new array of its size. */
  byte[] toArray() {
    return Arrays.copyOf(buf, size);
  }

  /** The head followed by {@code body}, in one new array. */
  byte[] toArray(byte[] body) {
    byte[] all = Arrays.copyOf(buf, size + body.length);
    System.arraycopy(body, 0, all, size, body.length);
    return all;
  }

  private void room(int n) {
    if (buf.length - size < n) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + n));
    }
  }
}
