package dev.eddy.loop.posix.jna;

import java.io.IOException;
import java.net.SocketOption;
import java.net.StandardSocketOptions;

/**
 * {@link StandardSocketOptions} as {@code setsockopt}/{@code getsockopt}: TCP_NODELAY,
 * SO_KEEPALIVE, SO_REUSEADDR, SO_REUSEPORT, SO_SNDBUF, SO_RCVBUF and SO_LINGER (seconds; negative
 * turns it off). An option the socket's family does not have (TCP_NODELAY on a Unix-domain socket)
 * or Eddy does not map is an {@link UnsupportedOperationException}, as the JDK's channels do.
 */
final class SocketOptions {

  private final PosixAbi abi;
  private final String backend;

  SocketOptions(PosixAbi abi, String backend) {
    this.abi = abi;
    this.backend = backend;
  }

  <T> void set(int fd, int family, SocketOption<T> option, T value) throws IOException {
    int[] level = new int[1];
    int name = name(family, option, level);
    int[] raw;
    if (option == StandardSocketOptions.SO_LINGER) {
      int seconds = (Integer) value;
      raw = new int[] {seconds < 0 ? 0 : 1, Math.max(seconds, 0)}; // struct linger
    } else if (option.type() == Boolean.class) {
      raw = new int[] {((Boolean) value) ? 1 : 0};
    } else {
      int v = (Integer) value;
      if (v < 0) {
        throw new IllegalArgumentException("negative value for " + option + ": " + v);
      }
      raw = new int[] {v};
    }
    if (LibC.setsockopt(fd, level[0], name, raw, raw.length * 4) < 0) {
      throw PosixErrno.exception("setsockopt " + option.name(), PosixErrno.last());
    }
  }

  @SuppressWarnings("unchecked")
  <T> T get(int fd, int family, SocketOption<T> option) throws IOException {
    int[] level = new int[1];
    int name = name(family, option, level);
    int[] raw = new int[2];
    int[] length = {option == StandardSocketOptions.SO_LINGER ? 8 : 4};
    if (LibC.getsockopt(fd, level[0], name, raw, length) < 0) {
      throw PosixErrno.exception("getsockopt " + option.name(), PosixErrno.last());
    }
    if (option == StandardSocketOptions.SO_LINGER) {
      return (T) Integer.valueOf(raw[0] == 0 ? -1 : raw[1]);
    }
    if (option.type() == Boolean.class) {
      return (T) Boolean.valueOf(raw[0] != 0);
    }
    return (T) Integer.valueOf(raw[0]);
  }

  /** The option's number; its level goes into {@code level[0]}. */
  private int name(int family, SocketOption<?> option, int[] level) {
    level[0] = abi.solSocket;
    if (option == StandardSocketOptions.TCP_NODELAY) {
      if (family == PosixAbi.AF_UNIX) {
        throw new UnsupportedOperationException("'TCP_NODELAY' not supported on a Unix-domain "
            + "socket");
      }
      level[0] = PosixAbi.IPPROTO_TCP;
      return PosixAbi.TCP_NODELAY;
    }
    if (option == StandardSocketOptions.SO_KEEPALIVE) {
      return abi.soKeepalive;
    }
    if (option == StandardSocketOptions.SO_REUSEADDR) {
      return abi.soReuseaddr;
    }
    if (option == StandardSocketOptions.SO_REUSEPORT) {
      return abi.soReuseport;
    }
    if (option == StandardSocketOptions.SO_SNDBUF) {
      return abi.soSndbuf;
    }
    if (option == StandardSocketOptions.SO_RCVBUF) {
      return abi.soRcvbuf;
    }
    if (option == StandardSocketOptions.SO_LINGER) {
      return abi.soLingerSeconds;
    }
    throw new UnsupportedOperationException("'" + option.name() + "' not supported by the "
        + backend + " backend");
  }
}
