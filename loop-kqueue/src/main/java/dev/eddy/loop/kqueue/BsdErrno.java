package dev.eddy.loop.kqueue;

import java.io.IOException;

/**
 * Messages for the errno values kqueue calls report, in the words of the other backends: {@code
 * "kevent(..) failed: Bad file descriptor (EBADF)"}. The names are BSD's for the low numbers
 * shared by BSD, macOS and Linux; a number not in the table is shown as {@code errno N}.
 * Thread-safe.
 */
final class BsdErrno {

  private BsdErrno() {}

  private static final String[][] NAMES = {
    null, {"EPERM", "Operation not permitted"}, {"ENOENT", "No such file or directory"},
    {"ESRCH", "No such process"}, {"EINTR", "Interrupted system call"},
    {"EIO", "Input/output error"}, null, null, null, {"EBADF", "Bad file descriptor"}, null,
    null, {"ENOMEM", "Cannot allocate memory"}, {"EACCES", "Permission denied"},
    {"EFAULT", "Bad address"}, null, null, {"EEXIST", "File exists"}, null, null, null, null,
    {"EINVAL", "Invalid argument"}, {"ENFILE", "Too many open files in system"},
    {"EMFILE", "Too many open files"}
  };

  /** "Bad file descriptor (EBADF)", or "errno N". */
  static String describe(int errno) {
    if (errno > 0 && errno < NAMES.length && NAMES[errno] != null) {
      return NAMES[errno][1] + " (" + NAMES[errno][0] + ")";
    }
    return "errno " + errno;
  }

  /** {@code IOException("call(..) failed: text (NAME)")}. */
  static IOException exception(String call, int errno) {
    return new IOException(call + "(..) failed: " + describe(errno));
  }
}
