package dev.eddy.loop.epoll.jna;

import dev.eddy.loop.spi.LinuxErrno;
import dev.eddy.loop.spi.ServerSocketHandle;
import dev.eddy.loop.spi.SheddingLog;
import dev.eddy.loop.spi.SocketHandle;
import java.io.IOException;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A listening socket. {@link #accept()} uses {@code accept4(SOCK_NONBLOCK | SOCK_CLOEXEC)}.
 *
 * <p><b>Out of descriptors.</b> When the process has none left ({@code EMFILE}, {@code ENFILE}),
 * the pending connection stays in the backlog and the listener stays readable: a level-triggered
 * loop would spin. So the listener keeps one spare descriptor (an {@code eventfd}); on {@code
 * EMFILE} it closes the spare, accepts the connection into the freed number, closes it at once
 * (the client sees the connection closed) and takes the spare again. Each readiness then makes
 * progress, existing connections keep being served, and accepting resumes by itself as soon as
 * descriptors are free. The drops are counted and logged by a {@link SheddingLog}.
 */
final class FdServerSocket extends FdHandle implements ServerSocketHandle {

  private static final Logger log = LoggerFactory.getLogger(FdServerSocket.class);

  private final int family;
  private final UnixDomainSocketAddress unixPath;
  private final SheddingLog shedding = new SheddingLog(log);
  private SocketAddress local;
  private int spare;

  FdServerSocket(int fd, int family, UnixDomainSocketAddress unixPath) {
    super(fd);
    this.family = family;
    this.unixPath = unixPath;
    this.spare = LibC.eventfd(0, LibC.EFD_CLOEXEC);
  }

  @Override
  String kind() {
    return "listener";
  }

  @Override
  public SocketHandle accept() throws IOException {
    int fd = fd();
    while (true) {
      int accepted = LibC.accept4(fd, null, null, LibC.SOCK_NONBLOCK | LibC.SOCK_CLOEXEC);
      if (accepted >= 0) {
        return new FdSocket(accepted, family, true, null);
      }
      int errno = Errno.last();
      switch (errno) {
        case LinuxErrno.EAGAIN:
          return null;
        case LinuxErrno.EINTR:
        case LinuxErrno.ECONNABORTED: // the client gave up while queued: take the next one
          continue;
        case LinuxErrno.EMFILE:
        case LinuxErrno.ENFILE:
          return dropOne(fd, errno);
        default:
          throw Errno.exception("accept4", errno);
      }
    }
  }

  /** Sheds one pending connection through the spare descriptor; see the class comment. */
  private SocketHandle dropOne(int fd, int errno) throws IOException {
    if (spare < 0) {
      spare = LibC.eventfd(0, LibC.EFD_CLOEXEC);
      if (spare < 0) {
        throw Errno.exception("accept4", errno); // not even one descriptor: let the caller see
      }
    }
    LibC.close(spare);
    int victim = LibC.accept4(fd, null, null, LibC.SOCK_CLOEXEC);
    if (victim >= 0) {
      LibC.close(victim);
      shedding.dropped();
    }
    spare = LibC.eventfd(0, LibC.EFD_CLOEXEC);
    shedding.report(this, "accept4(..)", Errno.describe(errno));
    return null;
  }

  @Override
  public SocketAddress localAddress() {
    if (!isOpen()) {
      return null;
    }
    if (local == null) {
      local = SockAddr.local(rawFd());
    }
    return local;
  }

  @Override
  void beforeClose() {
    if (spare >= 0) {
      LibC.close(spare);
      spare = -1;
    }
    ServerSocketHandle.removeSocketFile(unixPath, this, log);
  }

  @Override
  public String toString() {
    return "epoll-jna listener " + (isOpen() ? "fd " + rawFd() + " " + localAddress()
        : "(closed)");
  }
}
