package dev.eddy.loop.posix.jna;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import dev.eddy.loop.spi.LinuxErrno;
import dev.eddy.loop.spi.SocketHandle;
import java.io.IOException;
import java.net.SocketAddress;
import java.net.SocketOption;
import java.nio.ByteBuffer;

/**
 * A stream socket on a raw descriptor: TCP over IPv4 or IPv6, or Unix-domain.
 *
 * <p>I/O goes straight to {@code read}/{@code write}/{@code writev}; a direct buffer is passed by
 * address (zero copy); heap buffers are written through the thread's {@code HeapBuffers} scratch
 * (one copy, and several heap buffers leave in one {@code write}). {@code EAGAIN} is a return
 * value, never an exception. Addresses are read once and kept.
 */
final class FdSocket extends FdHandle implements SocketHandle {

  private static final int IOVEC_SIZE = 16; // struct iovec { void* base; size_t len; } on LP64
  /** writev(2) takes at most this many buffers (EINVAL beyond); more is a short write. */
  private static final int IOV_MAX = 1024;

  private final PosixTransport transport;
  private final int family;
  private final SocketAddress target;
  private boolean connected;
  private SocketAddress local;
  private SocketAddress remote;
  private Memory iovecs;

  /**
   * @param connected true for an accepted socket or a connect that completed at once
   * @param target the address connected to, for messages (null when accepted)
   */
  FdSocket(PosixTransport transport, int fd, int family, boolean connected,
      SocketAddress target) {
    super(transport.backend, fd);
    this.transport = transport;
    this.family = family;
    this.connected = connected;
    this.target = target;
  }

  @Override
  protected String kind() {
    return "socket";
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    return readInto(dst);
  }

  @Override
  public int write(ByteBuffer src) throws IOException {
    if (src.isDirect()) {
      return writeFrom(src);
    }
    return writeThroughScratch(src);
  }

  @Override
  public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
    int fd = openFd();
    boolean allDirect = true;
    for (int i = offset; i < offset + length; i++) {
      allDirect &= srcs[i].isDirect();
    }
    if (!allDirect) {
      return writeThroughScratch(srcs, offset, length);
    }
    int slots = Math.min(length, IOV_MAX);
    if (iovecs == null || iovecs.size() < (long) slots * IOVEC_SIZE) {
      iovecs = new Memory((long) Math.max(slots, 8) * IOVEC_SIZE);
    }
    int count = 0;
    for (int i = offset; i < offset + length && count < IOV_MAX; i++) {
      ByteBuffer b = srcs[i];
      if (!b.hasRemaining()) {
        continue;
      }
      long base = Pointer.nativeValue(Native.getDirectBufferPointer(b)) + b.position();
      iovecs.setLong((long) count * IOVEC_SIZE, base);
      iovecs.setLong((long) count * IOVEC_SIZE + 8, b.remaining());
      count++;
    }
    if (count == 0) {
      return 0;
    }
    long n = LibC.writev(fd, iovecs, count);
    if (n < 0) {
      int errno = PosixErrno.last();
      if (errno == LinuxErrno.EAGAIN || errno == LinuxErrno.EINTR) {
        return 0;
      }
      throw PosixErrno.exception("writev", errno);
    }
    long left = n;
    for (int i = offset; i < offset + length && left > 0; i++) {
      ByteBuffer b = srcs[i];
      int step = (int) Math.min(left, b.remaining());
      b.position(b.position() + step);
      left -= step;
    }
    return n;
  }

  @Override
  public boolean finishConnect() throws IOException {
    if (connected) {
      return true;
    }
    int fd = openFd();
    int[] value = {0};
    int[] length = {4};
    if (LibC.getsockopt(fd, transport.abi.solSocket, transport.abi.soError, value, length) < 0) {
      throw PosixErrno.exception("getsockopt", PosixErrno.last());
    }
    int error = value[0] != 0 ? PosixErrno.canonical(value[0]) : reportedError();
    if (error != 0) {
      throw LinuxErrno.asConnectException(PosixErrno.exception("connect", error, target));
    }
    byte[] peer = new byte[SockAddr.MAX_LENGTH];
    int[] peerLength = {peer.length};
    if (LibC.getpeername(fd, peer, peerLength) < 0) {
      int errno = PosixErrno.last();
      if (errno == LinuxErrno.ENOTCONN) {
        return false; // still in progress
      }
      throw PosixErrno.exception("getpeername", errno);
    }
    remote = transport.sockAddr.decode(peer, peerLength[0]);
    connected = true;
    return true;
  }

  @Override
  public boolean isConnected() {
    return connected && isOpen();
  }

  @Override
  public void shutdownOutput() throws IOException {
    if (LibC.shutdown(openFd(), PosixAbi.SHUT_WR) < 0) {
      throw PosixErrno.exception("shutdown", PosixErrno.last());
    }
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
  public SocketAddress remoteAddress() {
    if (!isOpen() || !connected) {
      return null;
    }
    if (remote == null) {
      remote = transport.sockAddr.peer(fd());
    }
    return remote;
  }

  @Override
  public <T> void setOption(SocketOption<T> option, T value) throws IOException {
    transport.options.set(openFd(), family, option, value);
  }

  @Override
  public <T> T getOption(SocketOption<T> option) throws IOException {
    return transport.options.get(openFd(), family, option);
  }

  @Override
  void beforeClose() {
    if (iovecs != null) {
      iovecs.close();
      iovecs = null;
    }
  }

  @Override
  public String toString() {
    if (!isOpen()) {
      return backend() + " socket (closed)";
    }
    SocketAddress peer = connected ? remoteAddress() : null;
    return backend() + " socket fd " + fd() + " " + localAddress() + " -> "
        + (peer != null ? peer : target != null ? target + " (connecting)" : "?");
  }
}
