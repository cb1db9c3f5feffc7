package dev.eddy.stream;

/**
 * A window of a byte array seen as chars, one char per byte (ISO-8859-1), so that a {@code
 * java.util.regex.Pattern} can search received bytes without decoding or copying them. Reused by
 * its owner; not thread-safe.
 */
final class ByteChars implements CharSequence {

  private byte[] bytes;
  private int from;
  private int to;

  void wrap(byte[] bytes, int from, int to) {
    this.bytes = bytes;
    this.from = from;
    this.to = to;
  }

  @Override
  public int length() {
    return to - from;
  }

  @Override
  public char charAt(int index) {
    return (char) (bytes[from + index] & 0xff);
  }

  @Override
  public CharSequence subSequence(int start, int end) {
    ByteChars sub = new ByteChars();
    sub.wrap(bytes, from + start, from + end);
    return sub;
  }

  @Override
  public String toString() {
    return new String(bytes, from, to - from, java.nio.charset.StandardCharsets.ISO_8859_1);
  }
}
