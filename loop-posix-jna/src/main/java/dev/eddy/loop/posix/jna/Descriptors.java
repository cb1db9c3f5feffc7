package dev.eddy.loop.posix.jna;

import com.sun.jna.Native;

/**
 * Makes descriptors non-blocking and close-on-exec, the one way the system allows. With atomic
 * flags (Linux, FreeBSD) the state is given at creation: {@code socket(SOCK_NONBLOCK |
 * SOCK_CLOEXEC)}, {@code accept4}, {@code pipe2}, so a concurrent {@code fork+exec} never
 * inherits a descriptor. Without (macOS) each new descriptor gets {@code fcntl(F_SETFD,
 * FD_CLOEXEC)} and {@code fcntl(F_SETFL, O_NONBLOCK)} right after the call; the window in between
 * is the system's, as for every runtime there (the JDK's included).
 *
 * <p>Where the system has {@code SO_NOSIGPIPE}, sockets get it, so that writing to a reset peer
 * is {@code EPIPE} and never a signal. Every method returns -1 with errno set (read by {@link
 * PosixErrno#last()}) on failure and leaves no descriptor behind. Thread-safe, stateless.
 */
final class Descriptors {

  private final PosixAbi abi;
  private final boolean atomic;

  /**
   * @param atomic use the creation flags; false forces the {@code fcntl} path, which also works
   *     where they exist (the macOS path can so be tested on Linux)
   */
  Descriptors(PosixAbi abi, boolean atomic) {
    if (atomic && !abi.atomicFlags()) {
      throw new IllegalArgumentException(abi.name() + " has no atomic descriptor flags");
    }
    this.abi = abi;
    this.atomic = atomic;
  }

  /** A new non-blocking, close-on-exec stream socket of {@code family}, or -1. */
  int socket(int family) {
    int fd = atomic
        ? LibC.socket(family, PosixAbi.SOCK_STREAM | abi.sockNonblock | abi.sockCloexec, 0)
        : configure(LibC.socket(family, PosixAbi.SOCK_STREAM, 0));
    return noSigpipe(fd);
  }

  /** The next pending connection as a new non-blocking, close-on-exec socket, or -1. */
  int accept(int listener) {
    int fd = atomic
        ? LibCAccept4.accept4(listener, null, null, abi.sockNonblock | abi.sockCloexec)
        : configure(LibC.accept(listener, null, null));
    return noSigpipe(fd);
  }

  /** A pending connection taken only to be closed: close-on-exec, nothing else. */
  int acceptToDrop(int listener) {
    return atomic ? LibCAccept4.accept4(listener, null, null, abi.sockCloexec)
        : LibC.accept(listener, null, null);
  }

  /** A non-blocking, close-on-exec pipe into {@code fds} (read end, write end): 0 or -1. */
  int pipe(int[] fds) {
    if (atomic) {
      return LibCAccept4.pipe2(fds, abi.oNonblock | abi.oCloexec);
    }
    if (LibC.pipe(fds) < 0) {
      return -1;
    }
    if (configure(fds[0]) < 0) {
      return closeKeepingErrno(fds[1]);
    }
    if (configure(fds[1]) < 0) {
      return closeKeepingErrno(fds[0]);
    }
    return 0;
  }

  /**
   * A descriptor held in reserve ({@code /dev/null}, close-on-exec), for a listener to give up
   * when the process runs out; -1 if none can be had.
   */
  int spare() {
    return LibC.open("/dev/null", PosixAbi.O_RDONLY | abi.oCloexec);
  }

  /** The name of the accept call, for messages. */
  String acceptCall() {
    return atomic ? "accept4" : "accept";
  }

  /** Close-on-exec and non-blocking for a new descriptor; {@code fd}, or -1 (closed) on failure. */
  private int configure(int fd) {
    if (fd < 0) {
      return fd;
    }
    if (Fcntl.C.fcntl(fd, PosixAbi.F_SETFD, PosixAbi.FD_CLOEXEC) < 0) {
      return closeKeepingErrno(fd);
    }
    int flags = Fcntl.C.fcntl(fd, PosixAbi.F_GETFL, 0);
    if (flags < 0 || Fcntl.C.fcntl(fd, PosixAbi.F_SETFL, flags | abi.oNonblock) < 0) {
      return closeKeepingErrno(fd);
    }
    return fd;
  }

  private int noSigpipe(int fd) {
    if (fd < 0 || abi.soNosigpipe == 0) {
      return fd;
    }
    if (LibC.setsockopt(fd, abi.solSocket, abi.soNosigpipe, new int[] {1}, 4) < 0) {
      return closeKeepingErrno(fd);
    }
    return fd;
  }

  private static int closeKeepingErrno(int fd) {
    int errno = Native.getLastError();
    LibC.close(fd);
    Native.setLastError(errno);
    return -1;
  }

  @Override
  public String toString() {
    return "Descriptors[" + abi.name() + (atomic ? ", atomic flags" : ", fcntl") + "]";
  }
}
