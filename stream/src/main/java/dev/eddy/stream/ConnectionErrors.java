package dev.eddy.stream;

import java.io.IOException;
import java.util.Locale;

/**
 * Which I/O errors mean "the peer went away" (reset, aborted, broken pipe, timed out): Tornado's
 * {@code _ERRNO_CONNRESET}. A stream closes on them as on any error, but does not log them: on a
 * busy server they are routine. The backends word errors differently (the JDK's "Connection reset
 * by peer", the native backends' "... (ECONNRESET)"), so both forms are recognised.
 */
final class ConnectionErrors {

  private static final String[] RESET = {
    "econnreset", "econnaborted", "epipe", "etimedout", "connection reset", "broken pipe",
    "connection aborted", "connection timed out"
  };

  private ConnectionErrors() {}

  static boolean isReset(IOException e) {
    String m = e.getMessage();
    if (m == null) {
      return false;
    }
    String lower = m.toLowerCase(Locale.ROOT);
    for (String s : RESET) {
      if (lower.contains(s)) {
        return true;
      }
    }
    return false;
  }
}
