package dev.eddy.web;

import java.util.ArrayList;
import java.util.List;

/**
 * What a handler wrote and has not sent yet: the arrays as given, without copying them. {@link
 * #take()} hands back the one array when only one was written (the common case: a page, a JSON
 * document, a file piece) and joins them only when there are several, so a body is copied at most
 * once on its way to the connection. Owned by one handler; not thread-safe.
 */
final class BodyChunks {

  private static final byte[] EMPTY = new byte[0];

  private byte[] first;
  private List<byte[]> more;
  private int size;

  /** Adds {@code bytes}, which the caller hands over (it must not change them afterwards). */
  void add(byte[] bytes) {
    if (bytes.length == 0) {
      return;
    }
    if (first == null) {
      first = bytes;
    } else {
      if (more == null) {
        more = new ArrayList<>(4);
      }
      more.add(bytes);
    }
    size += bytes.length;
  }

  /** Everything added, as one array, and empties this. */
  byte[] take() {
    byte[] out;
    if (first == null) {
      out = EMPTY;
    } else if (more == null || more.isEmpty()) {
      out = first;
    } else {
      out = new byte[size];
      System.arraycopy(first, 0, out, 0, first.length);
      int at = first.length;
      for (byte[] b : more) {
        System.arraycopy(b, 0, out, at, b.length);
        at += b.length;
      }
    }
    clear();
    return out;
  }

  /** Forgets everything added. */
  void clear() {
    first = null;
    if (more != null) {
      more.clear();
    }
    size = 0;
  }
}
