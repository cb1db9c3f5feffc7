package dev.eddy.stream;

/** Bytes shown in a message: printable ASCII as is, the rest as {@code \xNN}, quoted. */
final class Printable {

  private Printable() {}

  static String bytes(byte[] b) {
    StringBuilder s = new StringBuilder("'");
    for (byte x : b) {
      int c = x & 0xff;
      if (c == '\r') {
        s.append("\\r");
      } else if (c == '\n') {
        s.append("\\n");
      } else if (c >= 0x20 && c < 0x7f && c != '\'' && c != '\\') {
        s.append((char) c);
      } else {
        s.append(String.format("\\x%02x", c));
      }
    }
    return s.append('\'').toString();
  }
}
