package dev.eddy.loop.posix.jna;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;

/**
 * {@code fcntl(2)}, which is variadic: on arm64 macOS variadic arguments go on the stack, not in
 * registers, so a fixed-arity direct mapping would pass garbage. JNA's interface mapping knows
 * the variadic convention. Slower than direct mapping, so used only off the hot path: to make a
 * new descriptor non-blocking and close-on-exec where the system has no flags for that at
 * creation (macOS). Thread-safe.
 */
interface Fcntl extends Library {

  /** Bound when first used. */
  Fcntl C = Native.load(Platform.C_LIBRARY_NAME, Fcntl.class);

  /** {@code fcntl(fd, cmd, ...)}: -1 on failure, errno in {@link Native#getLastError()}. */
  int fcntl(int fd, int cmd, Object... args);
}
