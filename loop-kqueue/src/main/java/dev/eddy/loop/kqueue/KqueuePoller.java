package dev.eddy.loop.kqueue;

import dev.eddy.loop.posix.jna.FdHandle;
import dev.eddy.loop.posix.jna.PosixErrno;
import dev.eddy.loop.spi.LinuxErrno;
import dev.eddy.loop.spi.NotRegisteredException;
import dev.eddy.loop.spi.PollEvents;
import dev.eddy.loop.spi.PollHandle;
import dev.eddy.loop.spi.PollKey;
import dev.eddy.loop.spi.Poller;
import dev.eddy.loop.spi.SlotTable;
import dev.eddy.loop.spi.Transport;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A level-triggered kqueue driven through a {@link KqueueNative}.
 *
 * <ul>
 *   <li>Registrations live in a slot table; {@code kevent.udata} carries the slot and its
 *       generation ({@link KqueueKey#token()}), so events for a registration removed since are
 *       dropped without a lookup by descriptor.</li>
 *   <li>Interest is one filter per bit: READ is {@code EVFILT_READ}, WRITE is {@code
 *       EVFILT_WRITE}. A change adds the newly wanted filters and deletes the dropped ones; the
 *       changes go in with {@code EV_RECEIPT} in one array that also receives the results (equal
 *       counts, as mio does), so each change's errno is seen. ENOENT from a delete is ignored;
 *       other errors become an {@link IOException} naming {@code kevent} and the error.</li>
 *   <li>Events: {@code EVFILT_READ} is READ, with {@code EV_EOF} too (the stream then reads EOF);
 *       {@code EVFILT_WRITE} is WRITE, and WRITE|ERROR when {@code EV_EOF} comes with a socket
 *       error in {@code fflags} (a refused connect). Tornado's kqueue loop reported that case as
 *       ERROR alone; Eddy adds WRITE because the SPI promises epoll's shape (a failed connect is
 *       writable and in error) on every backend, and a handler waiting for WRITE must wake. The
 *       error is also handed to the handle ({@link FdHandle#reportError}): libkqueue reads
 *       {@code SO_ERROR} to fill {@code fflags}, which clears it, so {@code finishConnect} could
 *       not see it otherwise. Both filters of one descriptor in one poll merge into one entry;
 *       nothing is allocated per event.</li>
 *   <li>The waker is an {@code EVFILT_USER} event added with {@code EV_CLEAR} and triggered with
 *       {@code NOTE_TRIGGER}; where the kqueue refuses that filter ({@code EINVAL}), a pipe
 *       watched with {@code EVFILT_READ} ({@link PipeWaker}). Wake-ups coalesce through a flag,
 *       and nothing is triggered once {@link #close()} has begun.</li>
 *   <li>{@code EINTR} restarts the wait with the time left.</li>
 * </ul>
 *
 * <p>A registration with interest 0 adds no filter, so kqueue reports nothing for it (kqueue has
 * no error-only filter); ERROR arrives with the write filter.
 *
 * <p>Threading: {@link #wakeup()} from any thread; everything else on the polling thread.
 */
final class KqueuePoller implements Poller {

  private static final Logger log = LoggerFactory.getLogger(KqueuePoller.class);
  static final long WAKER_TOKEN = 0xffffffffL; // slot -1, generation 0
  static final long WAKER_IDENT = 0;
  private static final int MAX_CHANGES = 2;

  private final KqueueNative lib;
  private final KeventAbi abi;
  private final int kq;
  /** The pipe waker, or null when the EVFILT_USER event wakes. */
  private final PipeWaker pipeWaker;
  private final ByteBuffer changes;
  private final ByteBuffer wakeChange;
  private final Object wakeLock = new Object();
  private final AtomicBoolean wakeupPending = new AtomicBoolean();
  private ByteBuffer eventList;
  private int eventCapacity;
  private KqueueKey[] readyKeys = new KqueueKey[0];

  private final SlotTable<KqueueKey> slots = new SlotTable<>();
  private volatile boolean closed;

  /**
   * Opens a kqueue and adds the waker.
   *
   * @param pipes the transport whose pipe wakes the poller if {@code EVFILT_USER} cannot
   * @param pipeWaker use the pipe even where {@code EVFILT_USER} works
   * @throws IOException if {@code kqueue()} fails or no waker can be added
   */
  KqueuePoller(KqueueNative lib, KeventAbi abi, Transport pipes, boolean pipeWaker)
      throws IOException {
    this.lib = lib;
    this.abi = abi;
    changes = direct(MAX_CHANGES * abi.size());
    wakeChange = direct(abi.size());
    abi.put(wakeChange, 0, WAKER_IDENT, abi.evfiltUser(), 0, Kevent.NOTE_TRIGGER, 0, WAKER_TOKEN);
    kq = lib.kqueue();
    if (kq < 0) {
      throw PosixErrno.exception("kqueue", lib.lastErrno());
    }
    int errno = LinuxErrno.EINVAL;
    if (!pipeWaker) {
      abi.put(changes, 0, WAKER_IDENT, abi.evfiltUser(),
          Kevent.EV_ADD | Kevent.EV_CLEAR | Kevent.EV_RECEIPT, 0, 0, WAKER_TOKEN);
      errno = submit(1);
    }
    PipeWaker pipe = null;
    if (errno == LinuxErrno.EINVAL) { // no EVFILT_USER here (or asked not to use it)
      try {
        pipe = new PipeWaker(pipes.pipe());
      } catch (IOException | RuntimeException e) {
        lib.close(kq);
        throw e;
      }
      errno = change(pipe.fd(), 0, READ, WAKER_TOKEN);
      if (errno != 0) {
        pipe.close();
      }
    }
    if (errno != 0) {
      lib.close(kq);
      throw PosixErrno.exception("kevent", errno);
    }
    this.pipeWaker = pipe;
  }

  /** The pipe waker, or null if the EVFILT_USER event wakes. */
  PipeWaker pipeWaker() {
    return pipeWaker;
  }

  /** The waker in use: {@code "EVFILT_USER"} or {@code "pipe"}. */
  String waker() {
    return pipeWaker == null ? "EVFILT_USER" : "pipe";
  }

  @Override
  public PollKey register(PollHandle handle, int interest, Object attachment) throws IOException {
    FdHandle h = FdHandle.own(handle, KqueueProvider.NAME);
    Poller.checkInterest(interest);
    checkOpen();
    Poller.checkRegistrable(h, h.registration());
    long token = slots.reserve();
    KqueueKey key = new KqueueKey(this, h, token, interest, attachment);
    int errno = change(h.fd(), 0, interest, key.token());
    if (errno != 0) {
      change(h.fd(), interest, 0, 0); // roll back whichever filter went in
      slots.free(token);
      throw PosixErrno.exception("kevent", errno);
    }
    slots.bind(token, key);
    h.registration(key);
    return key;
  }

  @Override
  public void modify(PollKey pollKey, int interest) throws IOException {
    Poller.checkInterest(interest);
    KqueueKey key = own(pollKey);
    if (!key.valid) {
      throw new NotRegisteredException(key.handle);
    }
    if (key.interest == interest) {
      return; // no system call when nothing changes
    }
    int errno = change(key.handle.fd(), key.interest, interest, key.token());
    if (errno == LinuxErrno.EBADF) {
      invalidate(key); // the descriptor was closed behind the poller's back
      throw new NotRegisteredException(key.handle);
    }
    if (errno != 0) {
      throw PosixErrno.exception("kevent", errno);
    }
    key.interest = interest;
  }

  @Override
  public void unregister(PollKey pollKey) {
    KqueueKey key = own(pollKey);
    if (!key.valid) {
      return;
    }
    if (!closed) { // delete both filters first: libkqueue keeps state for a closed descriptor
      int errno = change(key.handle.fd(), READ | WRITE, 0, 0);
      if (errno != 0 && errno != LinuxErrno.EBADF) {
        log.warn("kevent(EV_DELETE) of {} failed: {}", key.handle, PosixErrno.describe(errno));
      }
    }
    invalidate(key);
  }

  @Override
  public int poll(long timeoutNanos, PollEvents events) throws IOException {
    checkOpen();
    events.clear();
    int capacity = events.capacity();
    ensureEventList(capacity);
    long deadline = timeoutNanos > 0 ? System.nanoTime() + timeoutNanos : 0;
    int n;
    while (true) {
      n = lib.kevent(kq, null, 0, eventList, capacity, timeoutNanos);
      if (n >= 0) {
        break;
      }
      int errno = lib.lastErrno();
      if (closed) {
        throw new IllegalStateException("poller is closed");
      }
      if (errno != LinuxErrno.EINTR) {
        throw PosixErrno.exception("kevent", errno);
      }
      if (timeoutNanos > 0) {
        timeoutNanos = deadline - System.nanoTime();
        if (timeoutNanos <= 0) {
          n = 0;
          break;
        }
      }
    }
    int readyCount = 0;
    for (int i = 0; i < n; i++) {
      long token = abi.udata(eventList, i);
      if (token == WAKER_TOKEN) {
        if (pipeWaker != null) {
          pipeWaker.drain();
        } // else EV_CLEAR has reset the user event itself
        wakeupPending.set(false);
        continue;
      }
      KqueueKey key = live(token);
      if (key == null) {
        continue; // stale: unregistered, or its slot taken again since
      }
      short filter = abi.filter(eventList, i);
      int flags = abi.flags(eventList, i);
      int fflags = abi.fflags(eventList, i);
      int bits = bits(filter, flags, fflags);
      if ((bits & ERROR) != 0 && fflags != 0) {
        key.handle.reportError(PosixErrno.canonical(fflags));
      }
      if (key.ready == 0 && bits != 0) {
        readyKeys[readyCount++] = key;
      }
      key.ready |= bits;
    }
    for (int i = 0; i < readyCount; i++) {
      KqueueKey key = readyKeys[i];
      events.add(key, key.ready);
      key.ready = 0;
      readyKeys[i] = null;
    }
    return events.size();
  }

  /** The Eddy bits of one event of a fd filter. */
  static int bits(short filter, int flags, int fflags) {
    if (filter == Kevent.EVFILT_READ) {
      return (flags & Kevent.EV_ERROR) != 0 ? READ | ERROR : READ;
    }
    if (filter == Kevent.EVFILT_WRITE) {
      boolean failed = (flags & Kevent.EV_ERROR) != 0
          || ((flags & Kevent.EV_EOF) != 0 && fflags != 0);
      return failed ? WRITE | ERROR : WRITE;
    }
    return 0;
  }

  @Override
  public void wakeup() {
    if (closed || !wakeupPending.compareAndSet(false, true)) {
      return;
    }
    synchronized (wakeLock) { // never trigger on a descriptor number that close() has given back
      if (closed) {
        return;
      }
      if (pipeWaker != null) {
        try {
          pipeWaker.trigger();
        } catch (IOException e) {
          log.warn("write to the wake-up pipe failed", e);
        }
      } else if (lib.kevent(kq, wakeChange, 1, null, 0, 0) < 0) {
        log.warn("kevent(NOTE_TRIGGER) failed: {}", PosixErrno.describe(lib.lastErrno()));
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
    }
    lib.close(kq);
    if (pipeWaker != null) {
      pipeWaker.close();
    }
    slots.forEach(this::invalidate);
  }

  /**
   * Moves a descriptor's filters from interest {@code from} to {@code to}: EV_ADD for the bits
   * gained, EV_DELETE for the bits lost, in one receipted kevent call.
   *
   * @return 0, or the first errno other than ENOENT on a delete
   */
  private int change(int fd, int from, int to, long token) {
    int n = 0;
    n = entry(n, fd, Kevent.EVFILT_READ, from, to, READ, token);
    n = entry(n, fd, Kevent.EVFILT_WRITE, from, to, WRITE, token);
    return n == 0 ? 0 : submit(n);
  }

  private int entry(int n, int fd, short filter, int from, int to, int bit, long token) {
    boolean had = (from & bit) != 0;
    boolean wants = (to & bit) != 0;
    if (had == wants) {
      return n;
    }
    int flags = (wants ? Kevent.EV_ADD : Kevent.EV_DELETE) | Kevent.EV_RECEIPT;
    abi.put(changes, n, fd, filter, flags, 0, 0, wants ? token : 0);
    return n + 1;
  }

  /**
   * Submits {@code n} receipted changes from {@link #changes}, results into the same array.
   *
   * @return 0, or the first errno (ENOENT on a delete is ignored)
   */
  private int submit(int n) {
    int mask = 0;
    for (int i = 0; i < n; i++) { // remember which entries were deletes before results overwrite
      if ((abi.flags(changes, i) & Kevent.EV_DELETE) != 0) {
        mask |= 1 << i;
      }
    }
    int got = lib.kevent(kq, changes, n, changes, n, 0);
    if (got < 0) {
      return lib.lastErrno();
    }
    for (int i = 0; i < got; i++) {
      int flags = abi.flags(changes, i);
      long errno = abi.data(changes, i);
      if ((flags & Kevent.EV_ERROR) == 0 || errno == 0) {
        continue;
      }
      int canonical = PosixErrno.canonical((int) errno);
      boolean delete = (mask & (1 << i)) != 0;
      if (delete && canonical == LinuxErrno.ENOENT) {
        continue;
      }
      return canonical;
    }
    return 0;
  }

  private KqueueKey live(long token) {
    return slots.lookup(token);
  }

  private void ensureEventList(int capacity) {
    if (capacity > eventCapacity) {
      eventList = direct(capacity * abi.size());
      readyKeys = new KqueueKey[capacity];
      eventCapacity = capacity;
    }
  }

  private static ByteBuffer direct(int bytes) {
    return ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
  }

  private void invalidate(KqueueKey key) {
    key.valid = false;
    slots.free(key.token);
    if (key.handle.registration() == key) {
      key.handle.registration(null);
    }
  }

  private KqueueKey own(PollKey pollKey) {
    if (!(pollKey instanceof KqueueKey) || ((KqueueKey) pollKey).poller != this) {
      throw new NotRegisteredException(pollKey == null ? null : pollKey.handle());
    }
    return (KqueueKey) pollKey;
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("poller is closed");
    }
  }

  @Override
  public String toString() {
    return "KqueuePoller[kq=" + kq + ", " + abi + ", " + waker() + " waker"
        + (closed ? ", closed" : "") + "]";
  }
}
