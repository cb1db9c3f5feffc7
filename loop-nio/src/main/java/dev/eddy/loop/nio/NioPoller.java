package dev.eddy.loop.nio;

import dev.eddy.loop.spi.NotRegisteredException;
import dev.eddy.loop.spi.PollEvents;
import dev.eddy.loop.spi.PollHandle;
import dev.eddy.loop.spi.PollKey;
import dev.eddy.loop.spi.Poller;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Poller} over a {@link Selector}.
 *
 * <ul>
 *   <li>Polls with {@code select(Consumer, timeout)}: the consumer is one reused object, so no
 *       selected-key set is kept and nothing is allocated per event.</li>
 *   <li>READ is {@code OP_ACCEPT} on a listener and {@code OP_READ} otherwise; WRITE is {@code
 *       OP_CONNECT} while a connect is pending and {@code OP_WRITE} after (see {@link
 *       NioHandle#selectorOps}). The JDK reports an error or hang-up as every operation asked
 *       for; a registration with no interest sees nothing.</li>
 *   <li>A cancelled selection key lingers until the next select, and registering its channel
 *       again before then throws {@code CancelledKeyException}: such a registration flushes
 *       cancelled keys with a non-blocking select first (level-triggered, so nothing is lost).</li>
 *   <li>Changes made while another thread is inside {@code select} take effect only at the next
 *       select, so they wake the selector.</li>
 *   <li>The old JDK epoll bug (select returning early, at once, forever) is guarded: after 512
 *       consecutive early, empty, un-woken returns the selector is rebuilt with the same keys.</li>
 *   <li>A thread interrupt makes every {@code select} return at once; the poller clears the
 *       interrupt (logging it once) rather than spin, as Netty does.</li>
 * </ul>
 */
final class NioPoller implements Poller {

  private static final Logger log = LoggerFactory.getLogger(NioPoller.class);
  static final int REBUILD_THRESHOLD = 512;

  /** Volatile: wakeup() reads it from other threads, and a rebuild replaces it. */
  private volatile Selector selector;
  private final Consumer<SelectionKey> onSelected = this::onSelected;
  private final AtomicBoolean wakeupPending = new AtomicBoolean();
  private volatile Thread pollingThread;
  private volatile boolean closed;
  private PollEvents filling;
  private int prematureReturns;
  private boolean loggedInterrupt;

  NioPoller() throws IOException {
    selector = Selector.open();
  }

  @Override
  public PollKey register(PollHandle handle, int interest, Object attachment) throws IOException {
    NioHandle h = Poller.ownHandle(handle, NioHandle.class, NioPollerProvider.NAME);
    Poller.checkInterest(interest);
    checkOpen();
    Poller.checkRegistrable(h, h.key);
    SelectableChannel ch = h.channel();
    SelectionKey stale = ch.keyFor(selector);
    if (stale != null && !stale.isValid()) {
      flushCancelledKeys();
    }
    NioKey key = new NioKey(this, h, interest, attachment);
    try {
      key.selectionKey = ch.register(selector, h.selectorOps(interest), key);
    } catch (ClosedChannelException e) {
      throw new IllegalStateException("cannot register a closed handle: " + handle, e);
    }
    h.key = key;
    wakeIfAnotherThreadPolls();
    return key;
  }

  @Override
  public void modify(PollKey pollKey, int interest) {
    Poller.checkInterest(interest);
    NioKey key = ownKey(pollKey);
    if (!key.valid) {
      throw new NotRegisteredException(key.handle);
    }
    if (key.interest == interest) {
      return;
    }
    key.interest = interest;
    if (!key.applyInterest()) {
      invalidate(key);
      throw new NotRegisteredException(key.handle);
    }
    wakeIfAnotherThreadPolls();
  }

  @Override
  public void unregister(PollKey pollKey) {
    NioKey key = ownKey(pollKey);
    if (!key.valid) {
      return;
    }
    invalidate(key);
    key.selectionKey.cancel();
    wakeIfAnotherThreadPolls();
  }

  /** Re-translates the interest of a socket whose connect just completed. */
  static void connectCompleted(NioHandle handle) {
    NioKey key = handle.key;
    if (key != null && key.valid) {
      key.applyInterest();
      key.poller.wakeIfAnotherThreadPolls();
    }
  }

  @Override
  public int poll(long timeoutNanos, PollEvents events) throws IOException {
    checkOpen();
    events.clear();
    filling = events;
    pollingThread = Thread.currentThread();
    try {
      if (timeoutNanos == 0) {
        selector.selectNow(onSelected);
        wakeupPending.set(false); // selectNow consumed any wake-up as well
      } else {
        blockingSelect(timeoutNanos);
      }
    } catch (ClosedSelectorException e) {
      throw new IllegalStateException("poller is closed", e);
    } finally {
      pollingThread = null;
      filling = null;
    }
    return events.size();
  }

  private void blockingSelect(long timeoutNanos) throws IOException {
    // Selector takes milliseconds and treats 0 as "forever": round up, never down to 0.
    long millis = timeoutNanos < 0 ? 0
        : timeoutNanos / 1_000_000 + (timeoutNanos % 1_000_000 == 0 ? 0 : 1);
    long start = System.nanoTime();
    int selected = selector.select(onSelected, millis);
    boolean woken = wakeupPending.getAndSet(false);
    if (selected > 0 || woken) {
      prematureReturns = 0;
      return;
    }
    if (Thread.interrupted()) {
      if (!loggedInterrupt) {
        loggedInterrupt = true;
        log.warn("The polling thread {} was interrupted; the interrupt makes every select return "
            + "at once, so it was cleared. Stop a loop with IOLoop.stop(), not an interrupt.",
            Thread.currentThread().getName());
      }
      return;
    }
    long elapsed = System.nanoTime() - start;
    if (timeoutNanos < 0 || elapsed < timeoutNanos / 2) {
      if (++prematureReturns >= REBUILD_THRESHOLD) {
        rebuildSelector();
      }
    } else {
      prematureReturns = 0;
    }
  }

  private void onSelected(SelectionKey sk) {
    NioKey key = (NioKey) sk.attachment();
    int ready = sk.readyOps();
    int events = 0;
    if ((ready & (SelectionKey.OP_READ | SelectionKey.OP_ACCEPT)) != 0) {
      events |= READ;
    }
    if ((ready & (SelectionKey.OP_WRITE | SelectionKey.OP_CONNECT)) != 0) {
      events |= WRITE;
    }
    if (events != 0) {
      // When the buffer is full the rest is reported by the next poll: it is level-triggered.
      filling.add(key, events);
    }
  }

  @Override
  public void wakeup() {
    if (!closed && wakeupPending.compareAndSet(false, true)) {
      selector.wakeup();
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (SelectionKey sk : keysSnapshot()) {
      NioKey key = (NioKey) sk.attachment();
      if (key != null && key.valid) {
        invalidate(key);
      }
    }
    try {
      selector.close();
    } catch (IOException e) {
      log.warn("Error closing a selector", e);
    }
  }

  /**
   * Replaces the selector by a new one holding the same registrations: the cure for a selector
   * that keeps returning early with nothing selected.
   */
  void rebuildSelector() throws IOException {
    log.warn("Selector returned early {} times in a row with nothing ready; rebuilding it "
        + "(JDK epoll spin)", prematureReturns);
    prematureReturns = 0;
    Selector fresh = Selector.open();
    Selector old = selector;
    for (SelectionKey sk : keysSnapshot()) {
      NioKey key = (NioKey) sk.attachment();
      if (!sk.isValid() || key == null || !key.valid) {
        continue;
      }
      try {
        int ops = sk.interestOps();
        sk.cancel();
        key.selectionKey = sk.channel().register(fresh, ops, key);
      } catch (ClosedChannelException | java.nio.channels.CancelledKeyException gone) {
        invalidate(key);
      }
    }
    selector = fresh;
    if (wakeupPending.get()) {
      fresh.wakeup(); // a wake-up may have gone to the old selector while we rebuilt
    }
    old.close();
  }

  private List<SelectionKey> keysSnapshot() {
    try {
      return new ArrayList<>(selector.keys());
    } catch (ClosedSelectorException e) {
      return List.of();
    }
  }

  private void flushCancelledKeys() throws IOException {
    selector.selectNow(NioPoller::ignore);
    if (wakeupPending.get()) {
      selector.wakeup(); // selectNow consumed a pending wake-up: give it back to the next poll
    }
  }

  private static void ignore(SelectionKey sk) {
    // level-triggered: whatever was ready is reported again by the next poll
  }

  private void wakeIfAnotherThreadPolls() {
    Thread t = pollingThread;
    if (t != null && t != Thread.currentThread()) {
      selector.wakeup();
    }
  }

  private static void invalidate(NioKey key) {
    key.valid = false;
    if (key.handle.key == key) {
      key.handle.key = null;
    }
  }

  private NioKey ownKey(PollKey pollKey) {
    if (!(pollKey instanceof NioKey) || ((NioKey) pollKey).poller != this) {
      throw new NotRegisteredException(pollKey == null ? null : pollKey.handle());
    }
    return (NioKey) pollKey;
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("poller is closed");
    }
  }

  @Override
  public String toString() {
    return "NioPoller[" + (closed ? "closed" : "open") + "]";
  }
}
