package dev.eddy.loop.epoll.netty;

import dev.eddy.loop.spi.Poller;
import io.netty.channel.epoll.EpollIoOps;

/**
 * Eddy's interest and readiness bits against epoll's, as Netty's {@link EpollIoOps} carries them.
 *
 * <ul>
 *   <li>Interest: READ is {@code EPOLLIN}, WRITE is {@code EPOLLOUT}. An empty interest is {@code
 *       EPOLLERR} alone, not Netty's {@code NONE}: {@code NONE} takes the descriptor out of the
 *       epoll set, and then its errors and hang-ups would go unseen. The kernel reports {@code
 *       EPOLLERR} and {@code EPOLLHUP} whatever the mask, so {@code EPOLLERR} alone asks for
 *       exactly "errors only".</li>
 *   <li>Readiness: {@code EPOLLIN} is READ, {@code EPOLLOUT} is WRITE, and {@code EPOLLERR} or
 *       {@code EPOLLHUP} (0x10, for which Netty has no constant) is the whole of ERROR (0x18),
 *       so that {@code (events & ERROR) == ERROR} holds for either. Other bits are dropped.</li>
 * </ul>
 *
 * The four interest values are made once: {@link EpollIoOps#valueOf} allocates for combinations
 * it does not cache (READ | WRITE), and modify is on the hot path. Loading this class loads
 * Netty's native library: use it only once the backend is known to be available.
 */
final class Readiness {

  static final int EPOLLIN = 0x1;
  static final int EPOLLOUT = 0x4;
  static final int EPOLLERR = 0x8;
  static final int EPOLLHUP = 0x10;

  /** Indexed by Eddy interest (bits 0x1 and 0x4). */
  private static final EpollIoOps[] OPS = new EpollIoOps[(Poller.READ | Poller.WRITE) + 1];

  static {
    OPS[0] = EpollIoOps.EPOLLERR;
    OPS[Poller.READ] = EpollIoOps.EPOLLIN;
    OPS[Poller.WRITE] = EpollIoOps.EPOLLOUT;
    OPS[Poller.READ | Poller.WRITE] = EpollIoOps.EPOLLIN.with(EpollIoOps.EPOLLOUT);
  }

  private Readiness() {}

  /** The Netty ops for an interest already checked to hold only READ and WRITE bits. */
  static EpollIoOps ops(int interest) {
    return OPS[interest];
  }

  /** Eddy's events for the raw epoll bits of one event. */
  static int events(int epollBits) {
    int events = epollBits & (EPOLLIN | EPOLLOUT); // equal to Poller.READ and Poller.WRITE
    if ((epollBits & (EPOLLERR | EPOLLHUP)) != 0) {
      events |= Poller.ERROR;
    }
    return events;
  }
}
