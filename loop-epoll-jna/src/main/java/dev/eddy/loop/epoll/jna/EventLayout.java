package dev.eddy.loop.epoll.jna;

import java.nio.ByteBuffer;
import java.util.Locale;

/**
 * The layout of {@code struct epoll_event}: {@code uint32 events; uint64 data}. The kernel packs
 * it on x86 (12 bytes, data at offset 4: {@code EPOLL_PACKED} in the uapi header) and aligns it
 * naturally everywhere else (16 bytes, data at 8). Chosen by architecture, never guessed from the
 * JVM's own alignment; reads and writes go through a {@link ByteBuffer} in native order, so that
 * decoding allocates nothing.
 *
 * @param size the size of one entry
 * @param dataOffset the offset of the 64-bit data field
 */
record EventLayout(int size, int dataOffset) {

  static final EventLayout PACKED = new EventLayout(12, 4);
  static final EventLayout ALIGNED = new EventLayout(16, 8);

  /** The layout for an {@code os.arch} value. */
  static EventLayout forArch(String osArch) {
    switch (osArch.toLowerCase(Locale.ROOT)) {
      case "amd64":
      case "x86_64":
      case "x86":
      case "i386":
      case "i486":
      case "i586":
      case "i686":
        return PACKED;
      default:
        return ALIGNED;
    }
  }

  /** The layout of the machine this runs on. */
  static EventLayout current() {
    return forArch(System.getProperty("os.arch", ""));
  }

  int events(ByteBuffer array, int index) {
    return array.getInt(index * size);
  }

  long data(ByteBuffer array, int index) {
    return array.getLong(index * size + dataOffset);
  }

  void put(ByteBuffer array, int index, int events, long data) {
    array.putInt(index * size, events);
    array.putLong(index * size + dataOffset, data);
  }
}
