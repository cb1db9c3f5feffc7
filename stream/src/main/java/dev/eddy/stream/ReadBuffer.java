package dev.eddy.stream;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bytes a stream has read and not yet handed out: one array with a start and an end, grown by
 * doubling and compacted (the unread bytes moved to the front) only when the free tail is too
 * small and the consumed head is at least as large as what is left, so every byte is moved a
 * bounded number of times.
 *
 * <p>When everything read has been handed out, the array goes back to the thread's {@link
 * ReadArrays} and the buffer holds none: an idle keep-alive connection costs no read array.
 *
 * <p>Searches remember where they stopped ({@link #scanFrom}), so a delimiter or a pattern
 * looked for while data trickles in is searched for in each byte once, not again from the start
 * each time: a 4 MiB {@code readUntil} costs one pass. Owned by one stream, on its loop thread.
 */
final class ReadBuffer {

  private static final byte[] EMPTY = new byte[0];
  /** The thread's last regex matcher, reset for the next search with the same pattern. */
  private static final ThreadLocal<Matcher> MATCHER = new ThreadLocal<>();

  private byte[] data = EMPTY;
  private int start;
  private int end;
  /** Where the next search for the current read starts (absolute index into {@link #data}). */
  private int scanFrom;
  private final ByteChars chars = new ByteChars();

  /** Bytes buffered. */
  int size() {
    return end - start;
  }

  /** Appends what {@code src} holds (position to limit); the buffer's position moves to limit. */
  void append(ByteBuffer src) {
    int n = src.remaining();
    ensureRoom(n);
    src.get(data, end, n);
    end += n;
  }

  /** Removes and returns the first {@code n} bytes. */
  byte[] take(int n) {
    byte[] out = Arrays.copyOfRange(data, start, start + n);
    skip(n);
    return out;
  }

  /** Moves up to {@code max} bytes (and what {@code dst} has room for) into it; returns how many. */
  int takeInto(ByteBuffer dst, int max) {
    int n = Math.min(Math.min(dst.remaining(), size()), max);
    dst.put(data, start, n);
    skip(n);
    return n;
  }

  private void skip(int n) {
    start += n;
    if (start == end) {
      release();
    }
    scanFrom = start;
  }

  /** Gives the array back and holds none (nothing is buffered). */
  private void release() {
    byte[] old = data;
    data = EMPTY;
    start = 0;
    end = 0;
    chars.wrap(EMPTY, 0, 0);
    ReadArrays.give(old);
  }

  /** Forgets where the last search stopped: a new read starts. */
  void resetScan() {
    scanFrom = start;
  }

  /**
   * The length of the prefix that ends with {@code delimiter}, or -1. Resumes where the previous
   * search for the same read stopped.
   */
  int indexAfter(byte[] delimiter) {
    int last = end - delimiter.length;
    byte first = delimiter[0];
    for (int i = Math.max(scanFrom, start); i <= last; i++) {
      if (data[i] != first) {
        continue;
      }
      int j = 1;
      while (j < delimiter.length && data[i + j] == delimiter[j]) {
        j++;
      }
      if (j == delimiter.length) {
        return i + delimiter.length - start;
      }
    }
    scanFrom = Math.max(start, last + 1);
    return -1;
  }

  /**
   * The length of the prefix that ends with the first match of {@code pattern} (bytes seen as
   * ISO-8859-1 chars), or -1. A failed search that never reached the end of the data (the matcher
   * says more input could not have changed the outcome) is not repeated over the same bytes;
   * otherwise the next search starts where this one did, as any start there could still match —
   * unless {@code reach} (greater than 0) bounds the length of a match: then no match can start
   * before the last {@code reach - 1} bytes, and the next search starts there.
   */
  int indexAfter(Pattern pattern, int reach) {
    // The matcher is reused by the thread's next search: it does not outlive this call.
    chars.wrap(data, start, end);
    Matcher m = MATCHER.get();
    if (m == null || m.pattern() != pattern) {
      m = pattern.matcher(chars);
      MATCHER.set(m); // the loop's connections mostly search with one pattern (an HTTP head's end)
    } else {
      m.reset(chars);
    }
    int from = Math.max(scanFrom, start) - start;
    if (m.find(from)) {
      return m.end();
    }
    if (!m.hitEnd()) {
      scanFrom = end;
    } else if (reach > 0) {
      scanFrom = Math.max(Math.max(scanFrom, start), end - (reach - 1));
    }
    return -1;
  }

  private void ensureRoom(int n) {
    if (data.length - end >= n) {
      return;
    }
    int size = size();
    if (start > 0 && data.length - size >= n && start >= size) {
      System.arraycopy(data, start, data, 0, size); // compact: the head is at least as large
    } else {
      long wanted = Math.max((long) size + n, Math.max(4096L, 2L * data.length));
      if (wanted > Integer.MAX_VALUE - 8) {
        wanted = (long) size + n;
      }
      byte[] bigger = ReadArrays.take(arraySize(wanted));
      System.arraycopy(data, start, bigger, 0, size);
      ReadArrays.give(data);
      data = bigger;
    }
    scanFrom -= start;
    start = 0;
    end = size;
  }

  /** Rounds a small wanted size up to one of {@link ReadArrays}' sizes, so it can be reused. */
  private static int arraySize(long wanted) {
    if (wanted <= ReadArrays.SMALL) {
      return ReadArrays.SMALL;
    }
    if (wanted <= ReadArrays.LARGE) {
      return ReadArrays.LARGE;
    }
    return (int) wanted;
  }

  /** Drops everything (when the stream is closed). */
  void clear() {
    release();
    scanFrom = 0;
  }
}
