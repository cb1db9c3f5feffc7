package dev.eddy.loop.epoll.netty;

import dev.eddy.loop.spi.AlreadyRegisteredException;
import dev.eddy.loop.spi.LinuxErrno;
import dev.eddy.loop.spi.NotRegisteredException;
import dev.eddy.loop.spi.PollEvents;
import dev.eddy.loop.spi.PollHandle;
import dev.eddy.loop.spi.PollKey;
import dev.eddy.loop.spi.Poller;
import io.netty.channel.ChannelException;
import io.netty.channel.IoHandler;
import io.netty.channel.epoll.EpollIoHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A level-triggered poller over Netty's {@code EpollIoHandler}, driven from the caller's thread
 * through Netty's public {@code IoHandler} SPI: no Netty thread, no Netty channel.
 *
 * <ul>
 *   <li>{@code register} is {@code IoHandler.register(key)} with a new {@link NettyKey} (Netty's
 *       {@code EpollIoHandle}), then {@code IoRegistration.submit} of the interest ({@link
 *       Readiness}); {@code modify} submits again; {@code unregister} is {@code
 *       IoRegistration.cancel()}, which takes effect at once (see {@link CallerExecutor}).</li>
 *   <li>{@code poll} is {@code IoHandler.run} with a {@link PollContext} carrying the timeout.
 *       Netty calls back {@link NettyKey#handle} for each ready descriptor, during {@code run}
 *       and on this thread; the readiness is queued ({@link ReadyQueue}) and then moved into the
 *       caller's {@link PollEvents}, in turn. What does not fit waits for the next poll, which
 *       then does not block.</li>
 *   <li>No stale events: an event is recorded under the key Netty has for the descriptor now,
 *       and a key unregistered later is no longer valid, which {@link PollEvents#isLive} checks.
 *       Netty's table holds one registration per descriptor number, and an unregistered one is
 *       removed before its descriptor can be closed and the number reused.</li>
 *   <li>{@code wakeup} is {@code IoHandler.wakeup()}, which writes the handler's eventfd only
 *       while a {@code run} is blocked in {@code epoll_wait} and only from another thread. A
 *       wake-up that comes while no poll blocks is kept in a flag that makes the next poll
 *       non-blocking; the handler reads that flag ({@link PollContext#canBlock}) again after it
 *       has published that it is about to block, so a wake-up racing with the start of a wait
 *       either sees the published wait and writes the eventfd, or is seen by the handler.
 *       Wake-ups coalesce into one early return.</li>
 * </ul>
 *
 * <p>What Netty does not let this poller do: {@code EINTR} is retried inside Netty's native code
 * (with the time left when {@code epoll_pwait2} is there, with the whole timeout otherwise); an
 * unexpected failure inside {@code run} is logged by Netty, which then sleeps a second, instead of
 * being thrown; and Netty's {@code EpollIoOps.eventOf} allocates a small event object for
 * readiness combinations it does not cache (such as READ with WRITE), so "nothing allocated per
 * event" holds for this poller's own code, not for Netty's.
 *
 * <p>Threading as the SPI says: {@link #wakeup()} from any thread, the rest from one thread at a
 * time.
 */
final class NettyPoller implements Poller {

  private final AtomicBoolean wakeupPending = new AtomicBoolean();
  private final Object wakeLock = new Object();
  private final CallerExecutor executor = new CallerExecutor(this::wakeup);
  private final PollContext context = new PollContext(wakeupPending::get);
  private final ReadyQueue ready = new ReadyQueue();
  private final IoHandler handler;
  private volatile boolean closed;
  private RuntimeException collectFailure;

  private NettyPoller() {
    handler = EpollIoHandler.newFactory().newHandler(executor);
  }

  /**
   * A new poller: Netty's handler with its epoll, eventfd and timerfd descriptors.
   *
   * @throws IOException if the operating system cannot make them (too many open files)
   */
  static NettyPoller open() throws IOException {
    NettyPoller poller;
    try {
      poller = new NettyPoller();
    } catch (ChannelException | IllegalStateException e) {
      throw Errno.translate("epoll_create", e, null);
    }
    poller.executor.enter();
    poller.handler.initialize();
    return poller;
  }

  @Override
  public PollKey register(PollHandle handle, int interest, Object attachment) throws IOException {
    NettyHandle h = Poller.ownHandle(handle, NettyHandle.class, EpollNettyProvider.NAME);
    Poller.checkInterest(interest);
    checkOpen();
    executor.enter();
    Poller.checkRegistrable(h, h.key);
    NettyKey key = new NettyKey(this, h, interest, attachment);
    try {
      key.registration = handler.register(key);
    } catch (Exception e) {
      throw Errno.translate("register", e, null);
    }
    try {
      key.registration.submit(Readiness.ops(interest));
    } catch (UncheckedIOException e) {
      invalidate(key);
      IOException cause = e.getCause();
      if (Errno.of(cause) == LinuxErrno.EEXIST) {
        throw new AlreadyRegisteredException(handle);
      }
      throw Errno.translate("epoll_ctl", cause, null);
    }
    h.key = key;
    return key;
  }

  @Override
  public void modify(PollKey pollKey, int interest) throws IOException {
    Poller.checkInterest(interest);
    NettyKey key = own(pollKey);
    if (!key.valid) {
      throw new NotRegisteredException(key.handle);
    }
    if (key.interest == interest) {
      return; // no system call when nothing changes
    }
    executor.enter();
    try {
      key.registration.submit(Readiness.ops(interest));
    } catch (UncheckedIOException e) {
      int errno = Errno.of(e.getCause());
      if (errno == LinuxErrno.ENOENT || errno == LinuxErrno.EBADF) {
        invalidate(key); // the descriptor was closed behind the poller's back
        throw new NotRegisteredException(key.handle);
      }
      throw Errno.translate("epoll_ctl", e.getCause(), null);
    }
    key.interest = interest;
  }

  @Override
  public void unregister(PollKey pollKey) {
    NettyKey key = own(pollKey);
    if (!key.valid) {
      return;
    }
    executor.enter();
    invalidate(key);
  }

  @Override
  public int poll(long timeoutNanos, PollEvents events) throws IOException {
    checkOpen();
    executor.enter();
    executor.runQueued();
    events.clear();
    // With ready keys left undelivered by the last poll there is something to return: look for
    // more readiness, but do not wait.
    context.reset(ready.hasUndelivered() ? 0 : timeoutNanos);
    ready.startRun();
    try {
      handler.run(context);
    } finally {
      // Consumed: this poll returns now, whether the wake-up came before it or during it. Read
      // first: a volatile write on every poll would cost more than the check.
      if (wakeupPending.get()) {
        wakeupPending.set(false);
      }
    }
    if (collectFailure != null) {
      RuntimeException e = collectFailure;
      collectFailure = null;
      throw new IllegalStateException("recording the events of a poll failed", e);
    }
    ready.drainInto(events);
    return events.size();
  }

  /**
   * Records one ready key during {@code run}; called by {@link NettyKey#handle}, so it must not
   * throw.
   */
  void collect(NettyKey key, int readyEvents) {
    try {
      ready.offer(key, readyEvents);
    } catch (RuntimeException e) {
      if (collectFailure == null) {
        collectFailure = e; // thrown by poll once run has returned
      }
    }
  }

  @Override
  public void wakeup() {
    if (closed || !wakeupPending.compareAndSet(false, true)) {
      return; // closed, or a wake-up is pending already: they coalesce
    }
    synchronized (wakeLock) { // never write an eventfd that close() has given back
      if (!closed) {
        handler.wakeup();
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
    executor.enter();
    ready.clear();
    // Cancels every registration and calls NettyKey.close(), which invalidates the key and
    // leaves the descriptor open; then closes the handler's own descriptors.
    handler.prepareToDestroy();
    handler.destroy();
  }

  private void invalidate(NettyKey key) {
    key.valid = false;
    if (key.handle.key == key) {
      key.handle.key = null;
    }
    if (key.registration != null) {
      key.registration.cancel(); // EPOLL_CTL_DEL while the descriptor is open; idempotent
    }
  }

  private NettyKey own(PollKey pollKey) {
    if (!(pollKey instanceof NettyKey) || ((NettyKey) pollKey).poller != this) {
      throw new NotRegisteredException(pollKey == null ? null : pollKey.handle());
    }
    return (NettyKey) pollKey;
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("poller is closed");
    }
  }

  @Override
  public String toString() {
    return "NettyPoller[" + (closed ? "closed" : "open") + "]";
  }
}
