package dev.eddy.loop.kqueue;

import java.nio.ByteBuffer;

/**
 * The native calls the poller makes, narrow enough to fake in tests. Buffers hold {@code struct
 * kevent} entries in the layout of the poller's {@link KeventAbi}; they are direct, native-order
 * buffers, passed from position 0. Return values follow libc: -1 on failure, with the errno then
 * given by {@link #lastErrno()} on the same thread.
 *
 * <p>Threading: implementations are safe to call from any thread; {@link #kevent} may block in one
 * thread while another thread calls it on the same kqueue (the waker does).
 */
interface KqueueNative {

  /** {@code kqueue()}: a new kqueue descriptor, or -1. */
  int kqueue();

  /**
   * {@code kevent(kq, changes, nchanges, events, nevents, timeout)}.
   *
   * @param changes the change list, or null if {@code nchanges} is 0
   * @param events the event list, or null if {@code nevents} is 0; may be {@code changes}
   * @param timeoutNanos the longest wait; negative waits forever, 0 returns at once
   * @return the number of entries placed in {@code events}, or -1
   */
  int kevent(int kq, ByteBuffer changes, int nchanges, ByteBuffer events, int nevents,
      long timeoutNanos);

  /** {@code close(fd)}: 0 or -1. */
  int close(int fd);

  /**
   * The errno the last failed call on this thread left, numbered as {@code PosixErrno} numbers it
   * (Linux's numbers, whatever the system).
   */
  int lastErrno();
}
