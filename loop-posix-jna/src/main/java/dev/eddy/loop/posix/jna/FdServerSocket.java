package dev.eddy.loop.posix.jna;

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
 * A listening socket. {@link #accept()} gives non-blocking, close-on-exec sockets ({@code accept4}
 * where the system has it, else {@code accept} then {@code fcntl}: see {@link Descriptors}).
 *
 * <p><b>Out of descriptors.</b> When the process has none left ({@code EMFILE}, {@code ENFILE}),
 * the pending connection stays in the backlog and the listener stays readable: a level-triggered
 * loop would spin. So the listener keeps one spare descriptor ({@code /dev/null}); on {@code
 * EMFILE} it closes the spare, accepts the connection into the freed number, closes it at once
 * (the client sees the connection closed) and takes the spare again. Each readiness then makes
 * progress, existing connections keep being served, and accepting resumes by itself as soon as
 * descriptors are free. Other threads of the process (the JVM's own among them) may take the
 * freed number for a moment, so both steps are retried a few times before the listener gives up
 * and reports {@code EMFILE}. The drops are counted and logged by a {@link SheddingLog}.
 */
final class FdServerSocket extends FdHandle implements ServerSocketHandle {

  private static final Logger log = LoggerFactory.getLogger(FdServerSocket.class);

  /** How often a freed descriptor number is tried for before giving up; see {@link #takeSpare}. */
  private static final int SPARE_ATTEMPTS = 8;

  private final PosixTransport transport;
  private final int family;
  private final UnixDomainSocketAddress unixPath;
  private final SheddingLog shedding = new SheddingLog(log);
  private SocketAddress local;
  private int spare;

  FdServerSocket(PosixTransport transport, int fd, int family,
      UnixDomainSocketAddress unixPath) {
    super(transport.backend, fd);
    this.transport = transport;
    this.family = family;
    this.unixPath = unixPath;
    this.spare = takeSpare(transport.descriptors);
  }

  @Override
  protected String kind() {
    return "listener";
  }

  @Override
  public SocketHandle accept() throws IOException {
    int fd = openFd();
    while (true) {
      int accepted = transport.descriptors.accept(fd);
      if (accepted >= 0) {
        return new FdSocket(transport, accepted, family, true, null);
      }
      int errno = PosixErrno.last();
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
          throw PosixErrno.exception(transport.descriptors.acceptCall(), errno);
      }
    }
  }

  /** Sheds one pending connection through the spare descriptor; see the class comment. */
  private SocketHandle dropOne(int fd, int errno) throws IOException {
    Descriptors descriptors = transport.descriptors;
    if (spare < 0) {
      spare = takeSpare(descriptors);
      if (spare < 0) { // not even one descriptor: let the caller see
        throw PosixErrno.exception(descriptors.acceptCall(), errno);
      }
    }
    LibC.close(spare);
    spare = -1;
    for (int attempt = 0; attempt < SPARE_ATTEMPTS; attempt++) {
      int victim = descriptors.acceptToDrop(fd);
      if (victim >= 0) {
        LibC.close(victim);
        shedding.dropped();
        break;
      }
      int again = PosixErrno.last();
      if (again != LinuxErrno.EMFILE && again != LinuxErrno.ENFILE
          && again != LinuxErrno.EINTR) {
        break; // nothing pending any more (EAGAIN), or the client left (ECONNABORTED)
      }
      Thread.yield(); // another thread holds the freed number for a moment
    }
    spare = takeSpare(descriptors);
    shedding.report(this, descriptors.acceptCall() + "(..)", PosixErrno.describe(errno));
    return null;
  }

  /**
   * A new spare, trying a few times: another thread of the process may hold the one free number
   * for a moment (the JVM itself opens cgroup files now and then), and without a spare a saturated
   * listener can only report its error.
   */
  private static int takeSpare(Descriptors descriptors) {
    for (int attempt = 0; attempt < SPARE_ATTEMPTS; attempt++) {
      int fd = descriptors.spare();
      if (fd >= 0) {
        return fd;
      }
      Thread.yield();
    }
    return -1;
  }

  @Override
  public SocketAddress localAddress() {
    if (!isOpen()) {
      return null;
    }
    if (local == null) {
      local = transport.sockAddr.local(fd());
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
    return backend() + " listener " + (isOpen() ? "fd " + fd() + " " + localAddress()
        : "(closed)");
  }
}
