package dev.eddy.loop.testing;

import dev.eddy.loop.spi.AlreadyRegisteredException;
import dev.eddy.loop.spi.NotRegisteredException;
import dev.eddy.loop.spi.PollEvents;
import dev.eddy.loop.spi.PollHandle;
import dev.eddy.loop.spi.PollKey;
import dev.eddy.loop.spi.Poller;
import java.util.LinkedHashMap;
import java.util.Map;

/** The poller of {@link FakePollerProvider}. */
final class FakePoller implements Poller {

  private final Map<PollHandle, Key> keys = new LinkedHashMap<>();
  private final Object monitor = new Object();
  private boolean woken;
  private boolean closed;

  private static final class Key implements PollKey {
    final FakeHandle handle;
    final Object attachment;
    int interest;
    boolean valid = true;

    Key(FakeHandle handle, int interest, Object attachment) {
      this.handle = handle;
      this.interest = interest;
      this.attachment = attachment;
    }

    @Override
    public PollHandle handle() {
      return handle;
    }

    @Override
    public Object attachment() {
      return attachment;
    }

    @Override
    public int interest() {
      return interest;
    }

    @Override
    public boolean isValid() {
      return valid;
    }
  }

  @Override
  public PollKey register(PollHandle handle, int interest, Object attachment) {
    if (!(handle instanceof FakeHandle)) {
      throw new IllegalArgumentException("not a FakeHandle: " + handle);
    }
    Poller.checkInterest(interest);
    if (keys.containsKey(handle)) {
      throw new AlreadyRegisteredException(handle);
    }
    Key k = new Key((FakeHandle) handle, interest, attachment);
    keys.put(handle, k);
    return k;
  }

  @Override
  public void modify(PollKey key, int interest) {
    Poller.checkInterest(interest);
    Key k = (Key) key;
    if (!k.valid) {
      throw new NotRegisteredException(k.handle);
    }
    k.interest = interest;
  }

  @Override
  public void unregister(PollKey key) {
    Key k = (Key) key;
    if (k.valid) {
      k.valid = false;
      keys.remove(k.handle);
    }
  }

  @Override
  public int poll(long timeoutNanos, PollEvents events) {
    events.clear();
    collect(events);
    if (events.size() > 0 || timeoutNanos == 0) {
      synchronized (monitor) {
        woken = false;
      }
      return events.size();
    }
    synchronized (monitor) {
      long deadline = System.nanoTime() + timeoutNanos;
      while (!woken && !closed) {
        try {
          if (timeoutNanos < 0) {
            monitor.wait();
          } else {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
              break;
            }
            monitor.wait(left / 1_000_000, (int) (left % 1_000_000));
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
      woken = false;
    }
    collect(events);
    return events.size();
  }

  private void collect(PollEvents events) {
    for (Key k : keys.values()) {
      int ready = k.handle.ready & (k.interest | ERROR);
      if (ready != 0 && !events.add(k, ready)) {
        return;
      }
    }
  }

  @Override
  public void wakeup() {
    synchronized (monitor) {
      woken = true;
      monitor.notifyAll();
    }
  }

  @Override
  public void close() {
    synchronized (monitor) {
      closed = true;
      monitor.notifyAll();
    }
    for (Key k : keys.values()) {
      k.valid = false;
    }
    keys.clear();
  }
}
