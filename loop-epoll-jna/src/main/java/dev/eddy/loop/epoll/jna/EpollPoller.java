package dev.eddy.loop.epoll.jna;

import com.sun.jna.Memory;
import dev.eddy.loop.spi.AlreadyRegisteredException;
import dev.eddy.loop.posix.jna.FdHandle;
import dev.eddy.loop.posix.jna.PosixErrno;
import dev.eddy.loop.spi.LinuxErrno;
import dev.eddy.loop.spi.NotRegisteredException;
import dev.eddy.loop.spi.PollEvents;
import dev.eddy.loop.spi.PollHandle;
import dev.eddy.loop.spi.PollKey;
import dev.eddy.loop.spi.Poller;
import dev.eddy.loop.spi.SlotTable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A level-triggered epoll instance driven through {@link LibC}.
 *
 * <ul>
 *   <li>Registrations live in a slot table; {@code epoll_event.data} carries the slot and the
 *       slot's generation ({@link EpollKey#token()}), so an event for a registration removed
 *       earlier in the batch — or for a descriptor closed and reused since — is dropped here, at
 *       the edge, without a lookup by descriptor.</li>
 *   <li>Events land in one {@link Memory} block read through a native-order {@link ByteBuffer}
 *       view at the offsets of {@link EventLayout}: nothing is allocated per event.</li>
 *   <li>The waker is an {@code eventfd}; {@link #wakeup()} writes it only when no wake-up is
 *       pending, so wake-ups coalesce into one write and one read.</li>
 *   <li>Epoll's bits are Eddy's: {@code EPOLLIN} = READ, {@code EPOLLOUT} = WRITE, {@code
 *       EPOLLERR | EPOLLHUP} = ERROR, always reported by the kernel.</li>
 *   <li>{@code EINTR} restarts the wait with the time left; timeouts round up to the next
 *       millisecond, so a short timeout never becomes a busy zero.</li>
 * </ul>
 */
final class EpollPoller implements Poller {

  private static final Logger log = LoggerFactory.getLogger(EpollPoller.class);
  private static final long WAKER_TOKEN = 0xffffffffL; // slot -1, generation 0

  private final EventLayout layout = EventLayout.current();
  private final int epfd;
  private final int wakeFd;
  private final Memory ctlEvent;
  private final ByteBuffer ctlView;
  private final Memory wakeValue = new Memory(8);
  private final Memory drainValue = new Memory(8);
  private final Object wakeLock = new Object();
  private final AtomicBoolean wakeupPending = new AtomicBoolean();
  private Memory eventArray;
  private ByteBuffer eventView;
  private int eventCapacity;

  private final SlotTable<EpollKey> slots = new SlotTable<>();
  private volatile boolean closed;

  EpollPoller() throws IOException {
    ctlEvent = new Memory(layout.size());
    ctlView = ctlEvent.getByteBuffer(0, layout.size()).order(ByteOrder.nativeOrder());
    wakeValue.setLong(0, 1L);
    epfd = LibC.epoll_create1(LibC.EPOLL_CLOEXEC);
    if (epfd < 0) {
      throw PosixErrno.exception("epoll_create1", PosixErrno.last());
    }
    wakeFd = LibC.eventfd(0, LibC.EFD_NONBLOCK | LibC.EFD_CLOEXEC);
    if (wakeFd < 0) {
      int errno = PosixErrno.last();
      LibC.close(epfd);
      throw PosixErrno.exception("eventfd", errno);
    }
    int errno = ctl(LibC.EPOLL_CTL_ADD, wakeFd, READ, WAKER_TOKEN);
    if (errno != 0) {
      LibC.close(wakeFd);
      LibC.close(epfd);
      throw PosixErrno.exception("epoll_ctl", errno);
    }
  }

  @Override
  public PollKey register(PollHandle handle, int interest, Object attachment) throws IOException {
    FdHandle h = FdHandle.own(handle, EpollJnaProvider.NAME);
    Poller.checkInterest(interest);
    checkOpen();
    Poller.checkRegistrable(h, h.registration());
    long token = slots.reserve();
    EpollKey key = new EpollKey(this, h, token, interest, attachment);
    int errno = ctl(LibC.EPOLL_CTL_ADD, h.fd(), interest, key.token());
    if (errno != 0) {
      slots.free(token);
      if (errno == LinuxErrno.EEXIST) {
        throw new AlreadyRegisteredException(handle);
      }
      throw PosixErrno.exception("epoll_ctl", errno);
    }
    slots.bind(token, key);
    h.registration(key);
    return key;
  }

  @Override
  public void modify(PollKey pollKey, int interest) throws IOException {
    Poller.checkInterest(interest);
    EpollKey key = own(pollKey);
    if (!key.valid) {
      throw new NotRegisteredException(key.handle);
    }
    if (key.interest == interest) {
      return; // no system call when nothing changes
    }
    int errno = ctl(LibC.EPOLL_CTL_MOD, key.handle.fd(), interest, key.token());
    if (errno == LinuxErrno.ENOENT || errno == LinuxErrno.EBADF) {
      invalidate(key); // the descriptor was closed behind the poller's back
      throw new NotRegisteredException(key.handle);
    }
    if (errno != 0) {
      throw PosixErrno.exception("epoll_ctl", errno);
    }
    key.interest = interest;
  }

  @Override
  public void unregister(PollKey pollKey) {
    EpollKey key = own(pollKey);
    if (!key.valid) {
      return;
    }
    invalidate(key);
    if (!closed) {
      int errno = ctl(LibC.EPOLL_CTL_DEL, key.handle.fd(), 0, 0);
      if (errno != 0 && errno != LinuxErrno.ENOENT && errno != LinuxErrno.EBADF) {
        log.warn("epoll_ctl(DEL) of {} failed: {}", key.handle, PosixErrno.describe(errno));
      }
    }
  }

  @Override
  public int poll(long timeoutNanos, PollEvents events) throws IOException {
    checkOpen();
    events.clear();
    int capacity = events.capacity();
    ensureEventArray(capacity);
    long deadline = timeoutNanos > 0 ? System.nanoTime() + timeoutNanos : 0; // for EINTR only
    int n;
    while (true) {
      n = LibC.epoll_wait(epfd, eventArray, capacity, millis(timeoutNanos));
      if (n >= 0) {
        break;
      }
      int errno = PosixErrno.last();
      if (errno != LinuxErrno.EINTR) {
        if (closed) {
          throw new IllegalStateException("poller is closed");
        }
        throw PosixErrno.exception("epoll_wait", errno);
      }
      if (timeoutNanos > 0) {
        timeoutNanos = deadline - System.nanoTime();
        if (timeoutNanos <= 0) {
          n = 0;
          break;
        }
      }
    }
    for (int i = 0; i < n; i++) {
      long token = layout.data(eventView, i);
      if (token == WAKER_TOKEN) {
        drainWaker();
        continue;
      }
      EpollKey key = slots.lookup(token);
      if (key == null) {
        continue; // stale: unregistered, or its slot taken again since
      }
      events.add(key, layout.events(eventView, i) & (READ | WRITE | ERROR));
    }
    return events.size();
  }

  @Override
  public void wakeup() {
    if (closed || !wakeupPending.compareAndSet(false, true)) {
      return;
    }
    synchronized (wakeLock) { // never write a descriptor number that close() has given back
      if (!closed) {
        LibC.write(wakeFd, wakeValue, 8);
      }
    }
  }

  @Override
  public void close() {
    synchronized (wakeLock) {
      if (closed) {
        return;
      }
      closed = true;
      LibC.close(wakeFd);
    }
    LibC.close(epfd);
    slots.forEach(this::invalidate);
    if (eventArray != null) {
      eventArray.close();
    }
    ctlEvent.close();
  }

  /** Rounds up to whole milliseconds: 0.3 ms must wait, not spin. Negative means forever. */
  static int millis(long timeoutNanos) {
    if (timeoutNanos < 0) {
      return -1;
    }
    long ms = timeoutNanos / 1_000_000 + (timeoutNanos % 1_000_000 == 0 ? 0 : 1);
    return (int) Math.min(ms, Integer.MAX_VALUE);
  }

  private void drainWaker() {
    // Read first, then clear. The other order loses wake-ups for good: a wakeup() between the
    // clear and the read sets the flag and writes, the read swallows that write too, and the
    // flag stays set with the eventfd empty, so every later wakeup() skips its write. In this
    // order a wakeup() between the read and the clear writes nothing new, which is harmless: its
    // callback was queued before it called wakeup(), and the loop looks at the queue next.
    LibC.read(wakeFd, drainValue, 8);
    wakeupPending.set(false);
  }

  /** One epoll_ctl with the shared event struct; returns 0 or the errno. */
  private int ctl(int op, int fd, int interest, long token) {
    layout.put(ctlView, 0, interest, token);
    return LibC.epoll_ctl(epfd, op, fd, ctlEvent) < 0 ? PosixErrno.last() : 0;
  }

  private void ensureEventArray(int capacity) {
    if (capacity > eventCapacity) {
      if (eventArray != null) {
        eventArray.close();
      }
      long bytes = (long) capacity * layout.size();
      eventArray = new Memory(bytes);
      eventView = eventArray.getByteBuffer(0, bytes).order(ByteOrder.nativeOrder());
      eventCapacity = capacity;
    }
  }

  private void invalidate(EpollKey key) {
    key.valid = false;
    slots.free(key.token);
    if (key.handle.registration() == key) {
      key.handle.registration(null);
    }
  }

  private EpollKey own(PollKey pollKey) {
    if (!(pollKey instanceof EpollKey) || ((EpollKey) pollKey).poller != this) {
      throw new NotRegisteredException(pollKey == null ? null : pollKey.handle());
    }
    return (EpollKey) pollKey;
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("poller is closed");
    }
  }

  @Override
  public String toString() {
    return "EpollPoller[epfd=" + epfd + (closed ? ", closed" : "") + "]";
  }
}
