package dev.eddy.loop.kqueue;

import dev.eddy.loop.spi.LinuxErrno;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A kqueue in memory, for testing {@link KqueuePoller} anywhere. It keeps the registered (ident,
 * filter) pairs with their udata, answers changes with EV_RECEIPT results (ENOENT for deleting a
 * missing pair, or an errno the test injects), reports the readiness and EOF flags the test sets
 * (level-triggered), fires EVFILT_USER on NOTE_TRIGGER (cleared on delivery, as with EV_CLEAR),
 * and blocks in a monitor wait with a timeout. Thread-safe: all state is guarded by {@code this}.
 */
final class FakeKqueue implements KqueueNative {

  /** One change as the poller submitted it. */
  record Change(long ident, short filter, int flags, int fflags, long udata) {}

  private record Pair(long ident, short filter) {}

  private static final class Reg {
    long udata;
    boolean ready;
    int flags;
    int fflags;
  }

  static final int KQ = 42;
  private final KeventAbi abi;
  private final Map<Pair, Reg> regs = new LinkedHashMap<>();
  private final Map<Pair, Integer> failures = new HashMap<>();
  private final List<Change> changes = new ArrayList<>();
  private int keventCalls;
  private boolean userTriggered;
  private boolean closed;
  private int errno;
  private int closeCalls;
  private int waiters;
  private int waitErrno;

  FakeKqueue(KeventAbi abi) {
    this.abi = abi;
  }

  @Override
  public synchronized int kqueue() {
    return KQ;
  }

  @Override
  public synchronized int kevent(int kq, ByteBuffer list, int nchanges, ByteBuffer events,
      int nevents, long timeoutNanos) {
    keventCalls++;
    if (kq != KQ || closed) {
      errno = LinuxErrno.EBADF;
      return -1;
    }
    int receipts = 0;
    for (int i = 0; i < nchanges; i++) {
      Change c = new Change(abi.ident(list, i), abi.filter(list, i), abi.flags(list, i),
          abi.fflags(list, i), abi.udata(list, i));
      changes.add(c);
      int result = apply(c);
      if ((c.flags() & Kevent.EV_RECEIPT) != 0 || result != 0) {
        if (receipts >= nevents) { // no room for the result: the call fails, as on BSD
          errno = result;
          return -1;
        }
        abi.put(events, receipts++, c.ident(), c.filter(), c.flags() | Kevent.EV_ERROR, 0, result,
            c.udata());
      }
    }
    if (receipts > 0 || nevents == 0) {
      return receipts;
    }
    if (waitErrno != 0) {
      errno = waitErrno;
      waitErrno = 0;
      return -1;
    }
    long deadline = System.nanoTime() + timeoutNanos;
    while (true) {
      int n = collect(events, nevents);
      if (n > 0 || closed || timeoutNanos == 0) {
        return n;
      }
      long left = deadline - System.nanoTime();
      if (timeoutNanos > 0 && left <= 0) {
        return 0;
      }
      try {
        waiters++;
        notifyAll(); // for awaitWaiter()
        if (timeoutNanos < 0) {
          wait();
        } else {
          wait(left / 1_000_000, (int) (left % 1_000_000));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        errno = LinuxErrno.EINTR;
        return -1;
      } finally {
        waiters--;
      }
    }
  }

  private int apply(Change c) {
    Pair p = new Pair(c.ident(), c.filter());
    Integer injected = failures.remove(p);
    if (injected != null) {
      return injected;
    }
    if ((c.flags() & Kevent.EV_DELETE) != 0) {
      return regs.remove(p) == null ? LinuxErrno.ENOENT : 0;
    }
    if ((c.flags() & Kevent.EV_ADD) != 0) {
      regs.computeIfAbsent(p, k -> new Reg()).udata = c.udata();
    }
    if (c.filter() == abi.evfiltUser() && (c.fflags() & Kevent.NOTE_TRIGGER) != 0) {
      if (!regs.containsKey(p)) {
        return LinuxErrno.ENOENT;
      }
      userTriggered = true;
      notifyAll();
    }
    return 0;
  }

  private int collect(ByteBuffer events, int nevents) {
    int n = 0;
    for (Map.Entry<Pair, Reg> e : regs.entrySet()) {
      Pair p = e.getKey();
      Reg r = e.getValue();
      boolean fire = p.filter() == abi.evfiltUser() ? userTriggered : r.ready;
      if (fire && n < nevents) {
        abi.put(events, n++, p.ident(), p.filter(), r.flags, r.fflags, 0, r.udata);
        if (p.filter() == abi.evfiltUser()) {
          userTriggered = false;
        }
      }
    }
    return n;
  }

  @Override
  public synchronized int close(int fd) {
    closeCalls++;
    if (fd == KQ) {
      closed = true;
      notifyAll();
    }
    return 0;
  }

  @Override
  public synchronized int lastErrno() {
    return errno;
  }

  /** Makes (ident, filter) ready, with these output flags and fflags; wakes a waiting poll. */
  synchronized void ready(long ident, short filter, int flags, int fflags) {
    Reg r = regs.get(new Pair(ident, filter));
    if (r == null) {
      throw new IllegalStateException("not registered: " + ident + "/" + filter);
    }
    r.ready = true;
    r.flags = flags;
    r.fflags = fflags;
    notifyAll();
  }

  /** Makes (ident, filter) not ready again. */
  synchronized void clearReady(long ident, short filter) {
    Reg r = regs.get(new Pair(ident, filter));
    if (r != null) {
      r.ready = false;
    }
  }

  /** The next change to (ident, filter) gets this errno in its receipt. */
  synchronized void failNext(long ident, short filter, int errno) {
    failures.put(new Pair(ident, filter), errno);
  }

  /** The next call that would wait for events fails with this errno instead. */
  synchronized void failNextWait(int errno) {
    waitErrno = errno;
  }

  synchronized boolean registered(long ident, short filter) {
    return regs.containsKey(new Pair(ident, filter));
  }

  synchronized long udata(long ident, short filter) {
    return regs.get(new Pair(ident, filter)).udata;
  }

  /** The changes submitted so far, then forgets them. */
  synchronized List<Change> takeChanges() {
    List<Change> taken = new ArrayList<>(changes);
    changes.clear();
    return taken;
  }

  /** Returns once a kevent call is blocked waiting for events (its monitor wait has begun). */
  synchronized void awaitWaiter() throws InterruptedException {
    while (waiters == 0) {
      wait();
    }
  }

  synchronized int keventCalls() {
    return keventCalls;
  }

  synchronized int closeCalls() {
    return closeCalls;
  }

  synchronized boolean userTriggered() {
    return userTriggered;
  }
}
