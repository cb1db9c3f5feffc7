package dev.eddy.loop.epoll.netty;

import dev.eddy.loop.spi.LinuxErrno;
import io.netty.channel.ChannelException;
import io.netty.channel.unix.Socket;
import java.io.IOException;
import java.net.SocketOption;
import java.net.StandardSocketOptions;

/**
 * {@link StandardSocketOptions} through Netty's socket setters and getters: TCP_NODELAY,
 * SO_KEEPALIVE, SO_REUSEADDR, SO_REUSEPORT, SO_SNDBUF, SO_RCVBUF and SO_LINGER (seconds; negative
 * turns it off). An option the socket's family does not have (TCP_NODELAY on a Unix-domain socket)
 * or Eddy does not map is an {@link UnsupportedOperationException}, as the JDK's channels do; an
 * option the kernel refuses ({@code ENOPROTOOPT}) is one too. Netty reports a failing {@code
 * setsockopt} as a {@link ChannelException}: it becomes an {@code IOException} naming the option.
 */
final class SocketOptions {

  private SocketOptions() {}

  static <T> void set(Socket s, Family family, SocketOption<T> option, T value)
      throws IOException {
    check(family, option);
    try {
      if (option == StandardSocketOptions.TCP_NODELAY) {
        s.setTcpNoDelay((Boolean) value);
      } else if (option == StandardSocketOptions.SO_KEEPALIVE) {
        s.setKeepAlive((Boolean) value);
      } else if (option == StandardSocketOptions.SO_REUSEADDR) {
        s.setReuseAddress((Boolean) value);
      } else if (option == StandardSocketOptions.SO_REUSEPORT) {
        s.setReusePort((Boolean) value);
      } else if (option == StandardSocketOptions.SO_SNDBUF) {
        s.setSendBufferSize(nonNegative(option, (Integer) value));
      } else if (option == StandardSocketOptions.SO_RCVBUF) {
        s.setReceiveBufferSize(nonNegative(option, (Integer) value));
      } else {
        s.setSoLinger((Integer) value); // Netty: negative is l_onoff = 0
      }
    } catch (IOException | ChannelException e) {
      throw failure("setsockopt " + option.name(), e);
    }
  }

  @SuppressWarnings("unchecked")
  static <T> T get(Socket s, Family family, SocketOption<T> option) throws IOException {
    check(family, option);
    try {
      Object value;
      if (option == StandardSocketOptions.TCP_NODELAY) {
        value = s.isTcpNoDelay();
      } else if (option == StandardSocketOptions.SO_KEEPALIVE) {
        value = s.isKeepAlive();
      } else if (option == StandardSocketOptions.SO_REUSEADDR) {
        value = s.isReuseAddress();
      } else if (option == StandardSocketOptions.SO_REUSEPORT) {
        value = s.isReusePort();
      } else if (option == StandardSocketOptions.SO_SNDBUF) {
        value = s.getSendBufferSize();
      } else if (option == StandardSocketOptions.SO_RCVBUF) {
        value = s.getReceiveBufferSize();
      } else {
        value = s.getSoLinger(); // Netty: -1 when l_onoff is 0
      }
      return (T) value;
    } catch (IOException | ChannelException e) {
      throw failure("getsockopt " + option.name(), e);
    }
  }

  /** Throws if the option is not one Eddy maps, or not one of the socket's family. */
  private static void check(Family family, SocketOption<?> option) {
    if (option == StandardSocketOptions.TCP_NODELAY) {
      if (family == Family.UNIX) {
        throw new UnsupportedOperationException("'TCP_NODELAY' not supported on a Unix-domain "
            + "socket");
      }
      return;
    }
    if (option != StandardSocketOptions.SO_KEEPALIVE
        && option != StandardSocketOptions.SO_REUSEADDR
        && option != StandardSocketOptions.SO_REUSEPORT
        && option != StandardSocketOptions.SO_SNDBUF
        && option != StandardSocketOptions.SO_RCVBUF
        && option != StandardSocketOptions.SO_LINGER) {
      throw new UnsupportedOperationException("'" + option.name() + "' not supported by the "
          + "epoll-netty backend");
    }
  }

  private static int nonNegative(SocketOption<?> option, int value) {
    if (value < 0) {
      throw new IllegalArgumentException("negative value for " + option + ": " + value);
    }
    return value;
  }

  private static IOException failure(String call, Exception e) {
    if (Errno.of(e) == LinuxErrno.ENOPROTOOPT) {
      throw new UnsupportedOperationException(call + " is not supported here: "
          + Errno.describe(LinuxErrno.ENOPROTOOPT), e);
    }
    return Errno.translate(call, e, null);
  }
}
