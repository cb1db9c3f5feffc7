package dev.eddy.loop.posix.jna;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import java.nio.ByteBuffer;

/**
 * The libc calls every POSIX system has, bound once by JNA <em>direct mapping</em> ({@link
 * Native#register}): a JNI stub per method, no reflection or boxing per call (interface mapping is
 * about three times slower). {@link LibCAccept4} has the calls macOS lacks; {@link Fcntl} the one
 * variadic call.
 *
 * <p>Every method returns -1 on failure and leaves errno in {@link Native#getLastError()}; none
 * declares {@code LastErrorException}, so that the expected failures of the hot path ({@code
 * EAGAIN}, {@code EINPROGRESS}, {@code EINTR}) cost no exception. {@link PosixErrno} reads and
 * words them. Constants are in {@link PosixAbi}. Loading this class loads libc; backends probe that
 * in a guarded place. Thread-safe: these are plain system calls.
 */
final class LibC {

  static {
    Native.register(LibC.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
  }

  private LibC() {}

  /** A direct buffer is passed as its address plus position: zero copy. */
  static native long read(int fd, ByteBuffer buffer, long count);

  static native long write(int fd, ByteBuffer buffer, long count);

  static native long writev(int fd, Pointer iovecs, int count);

  static native int close(int fd);

  /** {@code open(path, flags)}, without the variadic mode (no {@code O_CREAT} here). */
  static native int open(String path, int flags);

  static native int pipe(int[] fds);

  static native int socket(int domain, int type, int protocol);

  static native int bind(int fd, byte[] address, int length);

  static native int listen(int fd, int backlog);

  static native int accept(int fd, byte[] address, int[] length);

  static native int connect(int fd, byte[] address, int length);

  static native int getsockname(int fd, byte[] address, int[] length);

  static native int getpeername(int fd, byte[] address, int[] length);

  static native int setsockopt(int fd, int level, int name, int[] value, int length);

  static native int getsockopt(int fd, int level, int name, int[] value, int[] length);

  static native int shutdown(int fd, int how);

  static native String strerror(int errno);
}
