package dev.eddy.loop.epoll.netty;

import dev.eddy.loop.spi.LinuxErrno;
import dev.eddy.loop.spi.ServerSocketHandle;
import dev.eddy.loop.spi.SheddingLog;
import dev.eddy.loop.spi.SocketHandle;
import io.netty.channel.ChannelException;
import io.netty.channel.epoll.LinuxSocket;
import io.netty.channel.epoll.Native;
import io.netty.channel.unix.FileDescriptor;
import java.io.IOException;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A listening socket. {@link #accept()} is Netty's, which uses {@code accept4(SOCK_NONBLOCK |
 * SOCK_CLOEXEC)} and answers -1 for {@code EAGAIN}.
 *
 * <p><b>Out of descriptors.</b> When the process has none left ({@code EMFILE}, {@code ENFILE}),
 * the pending connection stays in the backlog and the listener stays readable: a level-triggered
 * loop would spin. So the listener keeps one spare descriptor (an {@code eventfd}, Netty's {@code
 * Native.newEventFd()}); on {@code EMFILE} it closes the spare, accepts the connection into the
 * freed number, closes it at once (the client sees the connection closed) and takes the spare
 * again. Each readiness then makes progress, existing connections keep being served, and
 * accepting resumes by itself as soon as descriptors are free. Other threads of the process (the
 * JVM's own among them) may take the freed number for a moment, so both steps are retried a few
 * times before the listener gives up and reports {@code EMFILE}. The drops are counted and logged
 * by a {@link SheddingLog}.
 */
final class NettyServerSocket extends NettyHandle implements ServerSocketHandle {

  private static final Logger log = LoggerFactory.getLogger(NettyServerSocket.class);

  private final LinuxSocket socket;
  private final Family family;
  private final UnixDomainSocketAddress unixPath;
  /** Netty writes the peer's address here (length byte, then the address); it is not read. */
  /** How often a freed descriptor number is tried for before giving up; see {@link #newSpare}. */
  private static final int SPARE_ATTEMPTS = 8;

  private final byte[] acceptedAddress = new byte[26];
  private final SheddingLog shedding = new SheddingLog(log);
  private SocketAddress local;
  private FileDescriptor spare;

  NettyServerSocket(LinuxSocket socket, Family family, UnixDomainSocketAddress unixPath) {
    super(socket);
    this.socket = socket;
    this.family = family;
    this.unixPath = unixPath;
    this.spare = newSpare();
  }

  @Override
  String kind() {
    return "listener";
  }

  @Override
  public SocketHandle accept() throws IOException {
    ensureOpen();
    while (true) {
      int accepted;
      try {
        accepted = socket.accept(acceptedAddress);
      } catch (IOException e) {
        switch (Errno.of(e)) {
          case LinuxErrno.ECONNABORTED: // the client gave up while queued: take the next one
            continue;
          case LinuxErrno.EMFILE:
          case LinuxErrno.ENFILE:
            return dropOne(Errno.of(e), e);
          default:
            throw Errno.translate("accept4", e, null);
        }
      }
      if (accepted < 0) {
        return null; // EAGAIN: nothing pending (EINTR is retried by Netty)
      }
      return wrap(accepted);
    }
  }

  private SocketHandle wrap(int accepted) throws IOException {
    try {
      return new NettySocket(LinuxSocket.newSocket(accepted), family, true, null);
    } catch (ChannelException e) { // the socket's family could not be read
      new FileDescriptor(accepted).close();
      throw Errno.translate("getsockname", e, null);
    }
  }

  /** Sheds one pending connection through the spare descriptor; see the class comment. */
  private SocketHandle dropOne(int errno, IOException cause) throws IOException {
    if (spare == null) {
      spare = newSpare();
      if (spare == null) {
        throw Errno.translate("accept4", cause, null); // not even one: let the caller see
      }
    }
    closeQuietly(spare);
    spare = null;
    for (int attempt = 0; attempt < SPARE_ATTEMPTS; attempt++) {
      try {
        int victim = socket.accept(acceptedAddress);
        if (victim >= 0) {
          new FileDescriptor(victim).close();
          shedding.dropped();
        }
        break; // shed, or nothing pending any more
      } catch (IOException e) {
        int again = Errno.of(e);
        if (again != LinuxErrno.EMFILE && again != LinuxErrno.ENFILE) {
          break; // the client left (ECONNABORTED): nothing to shed this time
        }
        Thread.yield(); // another thread holds the freed number for a moment
      }
    }
    spare = newSpare();
    shedding.report(this, "accept4(..)", Errno.describe(errno));
    return null;
  }

  /**
   * A new spare descriptor, or null if there is none to be had, trying a few times: another
   * thread of the process may hold the one free number for a moment (the JVM itself opens cgroup
   * files now and then), and without a spare a saturated listener can only report its error.
   */
  private static FileDescriptor newSpare() {
    for (int attempt = 0; attempt < SPARE_ATTEMPTS; attempt++) {
      try {
        return Native.newEventFd();
      } catch (ChannelException e) {
        Thread.yield();
      }
    }
    return null;
  }

  private static void closeQuietly(FileDescriptor fd) {
    try {
      fd.close();
    } catch (IOException e) {
      // close(2) released the number regardless
    }
  }

  @Override
  public SocketAddress localAddress() {
    if (!isOpen()) {
      return null;
    }
    if (local == null) {
      local = family == Family.UNIX ? unixPath : socket.localAddress();
    }
    return local;
  }

  @Override
  void beforeClose() {
    if (spare != null) {
      closeQuietly(spare);
      spare = null;
    }
    ServerSocketHandle.removeSocketFile(unixPath, this, log);
  }

  @Override
  public String toString() {
    return "epoll-netty listener " + (isOpen() ? "fd " + number() + " " + localAddress()
        : "(closed)");
  }
}
