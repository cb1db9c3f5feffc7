package dev.eddy.loop.epoll.jna;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/**
 * The epoll and eventfd calls of this backend, bound once by JNA <em>direct mapping</em> ({@link
 * Native#register}): a JNI stub per method, no reflection or boxing per call. Sockets and pipes
 * are the shared {@code loop-posix-jna} module's.
 *
 * <p>Every method returns -1 on failure and leaves errno for {@code PosixErrno.last()}; none
 * declares {@code LastErrorException}, so that {@code EINTR} costs no exception. Constants are
 * Linux's (all architectures Eddy runs on share them). Loading this class loads libc; {@link
 * EpollJnaProvider} probes that in a guarded place.
 */
final class LibC {

  static {
    Native.register(LibC.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
  }

  private LibC() {}

  // epoll(7), eventfd(2)
  static final int EPOLL_CLOEXEC = 0x80000;
  static final int EPOLL_CTL_ADD = 1;
  static final int EPOLL_CTL_DEL = 2;
  static final int EPOLL_CTL_MOD = 3;
  static final int EFD_NONBLOCK = 0x800;
  static final int EFD_CLOEXEC = 0x80000;

  static native int epoll_create1(int flags);

  static native int epoll_ctl(int epfd, int op, int fd, Pointer event);

  static native int epoll_wait(int epfd, Pointer events, int maxEvents, int timeoutMillis);

  static native int eventfd(int initialValue, int flags);

  static native long read(int fd, Pointer buffer, long count);

  static native long write(int fd, Pointer buffer, long count);

  static native int close(int fd);
}
