package dev.eddy.loop.epoll.jna;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import java.nio.ByteBuffer;

/**
 * The libc calls of this backend, bound once by JNA <em>direct mapping</em> ({@link
 * Native#register}): a JNI stub per method, no reflection or boxing per call (interface mapping is
 * about three times slower). The one place where JNA appears besides the backend's own classes.
 *
 * <p>Every method returns -1 on failure and leaves errno in {@link Native#getLastError()}; none
 * declares {@code LastErrorException}, so that the expected failures of the hot path ({@code
 * EAGAIN}, {@code EINPROGRESS}, {@code EINTR}) cost no exception. {@link Errno} turns the others
 * into {@code IOException}s. Constants are Linux's (all architectures Eddy runs on share them).
 * Loading this class loads libc; {@link EpollJnaProvider} probes that in a guarded place.
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

  // socket(2), socket(7), tcp(7), ipv6(7)
  static final int AF_UNIX = 1;
  static final int AF_INET = 2;
  static final int AF_INET6 = 10;
  static final int SOCK_STREAM = 1;
  static final int SOCK_NONBLOCK = 0x800;
  static final int SOCK_CLOEXEC = 0x80000;
  static final int O_NONBLOCK = 0x800;
  static final int O_CLOEXEC = 0x80000;
  static final int SOL_SOCKET = 1;
  static final int SO_REUSEADDR = 2;
  static final int SO_ERROR = 4;
  static final int SO_SNDBUF = 7;
  static final int SO_RCVBUF = 8;
  static final int SO_KEEPALIVE = 9;
  static final int SO_LINGER = 13;
  static final int SO_REUSEPORT = 15;
  static final int IPPROTO_TCP = 6;
  static final int TCP_NODELAY = 1;
  static final int IPPROTO_IPV6 = 41;
  static final int IPV6_V6ONLY = 26;
  static final int SHUT_WR = 1;

  static native int epoll_create1(int flags);

  static native int epoll_ctl(int epfd, int op, int fd, Pointer event);

  static native int epoll_wait(int epfd, Pointer events, int maxEvents, int timeoutMillis);

  static native int eventfd(int initialValue, int flags);

  static native int pipe2(int[] fds, int flags);

  /** A direct buffer is passed as its address plus position: zero copy. */
  static native long read(int fd, ByteBuffer buffer, long count);

  static native long read(int fd, Pointer buffer, long count);

  static native long write(int fd, ByteBuffer buffer, long count);

  static native long write(int fd, Pointer buffer, long count);

  static native long writev(int fd, Pointer iovecs, int count);

  static native int close(int fd);

  static native int socket(int domain, int type, int protocol);

  static native int bind(int fd, byte[] address, int length);

  static native int listen(int fd, int backlog);

  static native int accept4(int fd, byte[] address, int[] length, int flags);

  static native int connect(int fd, byte[] address, int length);

  static native int getsockname(int fd, byte[] address, int[] length);

  static native int getpeername(int fd, byte[] address, int[] length);

  static native int setsockopt(int fd, int level, int name, int[] value, int length);

  static native int getsockopt(int fd, int level, int name, int[] value, int[] length);

  static native int shutdown(int fd, int how);

  static native String strerror(int errno);
}
