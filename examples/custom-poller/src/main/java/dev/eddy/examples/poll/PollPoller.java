package dev.eddy.examples.poll;

import dev.eddy.loop.posix.jna.FdHandle;
import dev.eddy.loop.posix.jna.PosixErrno;
import dev.eddy.loop.spi.LinuxErrno;
import dev.eddy.loop.spi.NotRegisteredException;
import dev.eddy.loop.spi.PollEvents;
import dev.eddy.loop.spi.PollHandle;
import dev.eddy.loop.spi.PollKey;
import dev.eddy.loop.spi.Poller;
import dev.eddy.loop.spi.Transport;
import java.io.IOException;

/**
 * A level-triggered {@link Poller} over {@code poll(2)}.
 *
 * <p>How each part of the SPI contract is kept:
 * <ul>
 *   <li><b>Level-triggered</b>: poll(2) is nothing else. Each call reports every entry that is
 *       ready now, whatever was reported before.</li>
 *   <li><b>ERROR always reported</b>: the kernel sets POLLERR, POLLHUP and POLLNVAL without being
 *       asked, even for an entry whose {@code events} is 0; {@link PollBits#toEddy} maps all
 *       three to ERROR.</li>
 *   <li><b>One registration per handle</b>: the handle remembers its live registration ({@link
 *       FdHandle#registration()}), checked by the SPI's shared {@code Poller.checkRegistrable},
 *       which also gives the shared exception and message.</li>
 *   <li><b>No stale events</b>: see {@link PollRegistration}. An event names the key object that
 *       owned the entry when poll(2) returned; unregistering marks that object invalid.</li>
 *   <li><b>Timeouts and EINTR</b>: {@link #timeoutMillis} rounds up to whole milliseconds (a
 *       0.3 ms wait must wait, not spin) and clamps; an interrupted wait is restarted with the time
 *       left.</li>
 *   <li><b>wakeup</b> is a {@link SelfPipe} whose read end is entry 0 of the array.</li>
 *   <li><b>No allocation per poll or per event</b>: the pollfd array is kept ({@link PollSet});
 *       events go into the caller's {@link PollEvents}.</li>
 * </ul>
 *
 * <p>What poll(2) costs, and why Eddy's own backends use epoll or kqueue: the kernel walks the
 * whole array on every call, so a poll is O(registrations), not O(ready). Fine for hundreds of
 * descriptors, measurable at tens of thousands. The kernel also refuses an {@code nfds} above
 * {@code RLIMIT_NOFILE} ({@code EINVAL}); every entry is a distinct open descriptor, so the array
 * never outgrows that limit.
 *
 * <p>Threading: {@link #wakeup()} from any thread; everything else on the polling thread, or on
 * one thread while no poll is in progress. Errors: a poll(2) failure other than EINTR is an
 * {@code IOException} in the words of {@link PosixErrno}; calls on a closed poller are {@code
 * IllegalStateException}s, as the SPI says.
 */
final class PollPoller implements Poller {

  /** The array starts with room for this many entries and doubles as needed. */
  private static final int INITIAL_ENTRIES = 64;
  /** Entry 0 is the wake-up pipe, for the poller's whole life; registrations start at 1. */
  private static final int WAKER = 0;

  private final PollSet<PollRegistration> set;
  private final SelfPipe waker;
  private volatile boolean closed;
  /**
   * Where the next scan of the results starts. When the caller's buffer fills before every ready
   * entry is reported, the next scan begins at the first one left out; otherwise, on a
   * level-triggered poller, a few always-ready entries at the front would starve those behind
   * them for ever.
   */
  private int scanFrom = WAKER + 1;

  /**
   * @param transport the backend's transport, which makes the wake-up pipe
   * @throws IOException if the pipe cannot be made (for example out of descriptors)
   */
  PollPoller(Transport transport) throws IOException {
    waker = SelfPipe.open(transport);
    set = new PollSet<>(INITIAL_ENTRIES);
    set.add(waker.readFd(), PollBits.POLLIN, null);
  }

  @Override
  public PollKey register(PollHandle handle, int interest, Object attachment) {
    // The SPI's shared checks, in the same order as Eddy's own backends, so that every backend
    // rejects the same mistakes with the same exceptions and messages.
    FdHandle fdHandle = FdHandle.own(handle, PollProvider.NAME);
    Poller.checkInterest(interest);
    checkOpen();
    Poller.checkRegistrable(fdHandle, fdHandle.registration());
    // No system call: poll(2) has no registration in the kernel. A descriptor that is not open
    // would show as POLLNVAL (ERROR) at the next poll.
    PollRegistration key = new PollRegistration(this, fdHandle, interest, attachment);
    set.add(fdHandle.fd(), PollBits.toPoll(interest), key);
    fdHandle.registration(key); // so that closing the handle unregisters it first
    return key;
  }

  @Override
  public void modify(PollKey pollKey, int interest) {
    Poller.checkInterest(interest);
    PollRegistration key = own(pollKey);
    if (!key.valid) {
      throw new NotRegisteredException(key.handle);
    }
    if (key.interest == interest) {
      return; // unchanged: the array is not touched
    }
    set.setEvents(key.index, PollBits.toPoll(interest));
    key.interest = interest;
  }

  @Override
  public void unregister(PollKey pollKey) {
    PollRegistration key = own(pollKey);
    if (!key.valid) {
      return; // idempotent
    }
    key.valid = false; // from now on its events in a batch already returned are not live
    set.remove(key.index);
    if (key.handle.registration() == key) {
      key.handle.registration(null);
    }
  }

  @Override
  public int poll(long timeoutNanos, PollEvents events) throws IOException {
    checkOpen();
    events.clear();
    int ready = waitForReadiness(timeoutNanos);
    if (ready > 0) {
      collect(ready, events);
    }
    return events.size();
  }

  @Override
  public void wakeup() {
    if (!closed) {
      waker.signal(); // ignores calls that race with close()
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    waker.close();
    set.forEachOwner(this::invalidate);
    set.close();
  }

  /**
   * poll(2) until it returns, restarting after EINTR with the time left.
   *
   * @return the number of entries with events (the waker included), 0 on timeout
   */
  private int waitForReadiness(long timeoutNanos) throws IOException {
    long deadline = System.nanoTime() + timeoutNanos; // read only for a positive timeout
    long remaining = timeoutNanos;
    while (true) {
      int n = LibC.poll(set.pointer(), set.size(), timeoutMillis(remaining));
      if (n >= 0) {
        return n;
      }
      int errno = PosixErrno.last();
      if (errno != LinuxErrno.EINTR) {
        throw PosixErrno.exception("poll", errno);
      }
      // A signal interrupted the wait (a debugger, a profiler, the JVM's own). Not a wake-up and
      // not a timeout: wait again, for what is left. Zero and infinite timeouts stay as they are.
      if (remaining > 0) {
        remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
          return 0;
        }
      }
    }
  }

  /**
   * Copies the results of the last poll(2) into {@code events}: each entry with a non-zero
   * {@code revents}, translated, under the key that owns it. Stops early once {@code ready}
   * entries were seen (the kernel's count), or when the buffer is full; what did not fit is
   * reported by the next poll, as it is still ready.
   */
  private void collect(int ready, PollEvents events) {
    int seen = 0;
    if (set.revents(WAKER) != 0) {
      waker.drain(); // a wake-up is not an event: it only makes poll(2) return
      seen++;
    }
    int registered = set.size() - 1; // every entry but the waker
    if (scanFrom > registered) {
      scanFrom = WAKER + 1; // entries were removed since the last scan
    }
    for (int step = 0; step < registered && seen < ready; step++) {
      int i = WAKER + 1 + (scanFrom - 1 + step) % registered;
      short revents = set.revents(i);
      if (revents == 0) {
        continue;
      }
      if (events.isFull()) {
        scanFrom = i; // start here next time: fairness between always-ready entries
        return;
      }
      events.add(set.owner(i), PollBits.toEddy(revents));
      seen++;
    }
  }

  /**
   * poll(2)'s timeout for the SPI's: negative is -1 (for ever), 0 is 0, anything else whole
   * milliseconds rounded up (0.3 ms must block, not spin) and at most {@code Integer.MAX_VALUE}
   * (24 days; a longer wait simply returns 0 then, which the SPI allows).
   */
  static int timeoutMillis(long timeoutNanos) {
    if (timeoutNanos < 0) {
      return -1;
    }
    long millis = timeoutNanos / 1_000_000 + (timeoutNanos % 1_000_000 == 0 ? 0 : 1);
    return (int) Math.min(millis, Integer.MAX_VALUE);
  }

  /** Entry count and write count of the array, for tests. */
  PollSet<PollRegistration> pollSet() {
    return set;
  }

  private void invalidate(PollRegistration key) {
    key.valid = false;
    if (key.handle.registration() == key) {
      key.handle.registration(null);
    }
  }

  private PollRegistration own(PollKey pollKey) {
    if (!(pollKey instanceof PollRegistration) || ((PollRegistration) pollKey).poller != this) {
      throw new NotRegisteredException(pollKey == null ? null : pollKey.handle());
    }
    return (PollRegistration) pollKey;
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("poller is closed");
    }
  }

  @Override
  public String toString() {
    return "PollPoller[" + (closed ? "closed" : set.size() - 1 + " registered") + "]";
  }
}
