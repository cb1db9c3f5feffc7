package dev.eddy.loop.kqueue;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import java.nio.ByteBuffer;

/**
 * The JNA direct-mapped kqueue calls (the only class with {@code native} methods, as the
 * architecture rules require). Bound to the library named by {@value #PROPERTY}, by default the C
 * library; loading this class loads that library and throws {@link LinkageError} if it lacks a
 * symbol, so only {@link KqueueLibrary} touches it, and {@link KqueueProvider} guards that.
 *
 * <p>Direct buffers are passed without copying (JNA passes the address plus the position).
 * Thread-safe: these are plain system calls.
 */
final class LibC {

  /** The system property naming the kqueue library: a name or a path. */
  static final String PROPERTY = "eddy.kqueue.library";

  static {
    Native.register(LibC.class, NativeLibrary.getInstance(libraryName()));
  }

  private LibC() {}

  /** The library to bind: the property's value, or the C library. */
  static String libraryName() {
    String name = System.getProperty(PROPERTY);
    return name == null || name.isBlank() ? Platform.C_LIBRARY_NAME : name.trim();
  }

  static native int kqueue();

  static native int kevent(int kq, ByteBuffer changes, int nchanges, ByteBuffer events,
      int nevents, ByteBuffer timeout);

  static native int close(int fd);
}
