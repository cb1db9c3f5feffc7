package dev.eddy.loop.kqueue;

import java.nio.ByteBuffer;
import java.util.Locale;

/**
 * The {@code struct kevent} layouts (LP64) and filter numbers of the kqueue implementations Eddy
 * supports. Every layout has the same leading fields at the same offsets: {@code ident} (8 bytes)
 * at 0, {@code filter} (int16) at 8, {@code flags} (uint16) at 10, {@code fflags} (uint32) at 12,
 * {@code data} (8 bytes) at 16 and {@code udata} (8 bytes) at 24; only the size (trailing {@code
 * ext[4]} on FreeBSD 12 and later) and {@code EVFILT_USER} differ.
 *
 * <p>Entries are read and written in a native-order {@link ByteBuffer} by index, without
 * allocation. Immutable and thread-safe; the buffers are the caller's.
 */
enum KeventAbi {

  /** macOS x86_64 and arm64: 32-byte struct, {@code EVFILT_USER} = -10. */
  MACOS(32, (short) -10),
  /** FreeBSD 11 and earlier ({@code freebsd11_kevent}), and libkqueue on Linux: 32 bytes, -11. */
  FREEBSD11(32, (short) -11),
  /** FreeBSD 12 and later, the default {@code kevent} symbol: 64 bytes with {@code ext[4]}, -11. */
  FREEBSD(64, (short) -11);

  /** The system property that overrides detection: {@code freebsd11}, {@code freebsd} or macos. */
  static final String PROPERTY = "eddy.kqueue.abi";

  static final int IDENT = 0;
  static final int FILTER = 8;
  static final int FLAGS = 10;
  static final int FFLAGS = 12;
  static final int DATA = 16;
  static final int UDATA = 24;

  private final int size;
  private final short evfiltUser;

  KeventAbi(int size, short evfiltUser) {
    this.size = size;
    this.evfiltUser = evfiltUser;
  }

  /** The size of one {@code struct kevent}, in bytes. */
  int size() {
    return size;
  }

  /** This ABI's {@code EVFILT_USER}. */
  short evfiltUser() {
    return evfiltUser;
  }

  /**
   * The ABI to use here: the property {@value #PROPERTY} if set, else detected from {@code
   * os.name}.
   *
   * @throws IllegalArgumentException if the property or the operating system names no known ABI
   */
  static KeventAbi current() {
    return select(System.getProperty(PROPERTY), System.getProperty("os.name", ""));
  }

  /**
   * The ABI named by {@code property} (case-insensitive) if not null or blank, else the one of
   * {@code osName}: Mac → MACOS, FreeBSD → FREEBSD, Linux → FREEBSD11 (libkqueue).
   *
   * @throws IllegalArgumentException if neither names a known ABI
   */
  static KeventAbi select(String property, String osName) {
    if (property != null && !property.isBlank()) {
      switch (property.trim().toLowerCase(Locale.ROOT)) {
        case "macos":
          return MACOS;
        case "freebsd11":
          return FREEBSD11;
        case "freebsd":
          return FREEBSD;
        default:
          throw new IllegalArgumentException(PROPERTY + " must be freebsd11, freebsd or macos, got "
              + property);
      }
    }
    String os = osName.toLowerCase(Locale.ROOT);
    if (os.startsWith("mac") || os.startsWith("darwin")) {
      return MACOS;
    }
    if (os.startsWith("freebsd")) {
      return FREEBSD;
    }
    if (os.startsWith("linux")) {
      return FREEBSD11;
    }
    throw new IllegalArgumentException("no kqueue ABI is known for " + osName + "; set "
        + PROPERTY + "=freebsd11|freebsd|macos");
  }

  /** Writes entry {@code i}, zeroing any trailing {@code ext} words. */
  void put(ByteBuffer b, int i, long ident, short filter, int flags, int fflags, long data,
      long udata) {
    int base = i * size;
    b.putLong(base + IDENT, ident);
    b.putShort(base + FILTER, filter);
    b.putShort(base + FLAGS, (short) flags);
    b.putInt(base + FFLAGS, fflags);
    b.putLong(base + DATA, data);
    b.putLong(base + UDATA, udata);
    for (int off = 32; off < size; off += 8) {
      b.putLong(base + off, 0L);
    }
  }

  long ident(ByteBuffer b, int i) {
    return b.getLong(i * size + IDENT);
  }

  short filter(ByteBuffer b, int i) {
    return b.getShort(i * size + FILTER);
  }

  /** The flags as an unsigned 16-bit value. */
  int flags(ByteBuffer b, int i) {
    return b.getShort(i * size + FLAGS) & 0xffff;
  }

  int fflags(ByteBuffer b, int i) {
    return b.getInt(i * size + FFLAGS);
  }

  long data(ByteBuffer b, int i) {
    return b.getLong(i * size + DATA);
  }

  long udata(ByteBuffer b, int i) {
    return b.getLong(i * size + UDATA);
  }
}
